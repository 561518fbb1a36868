import { useState } from 'react'

/**
 * The socket the cards and charts follow, from 1 to `count`. A board that shrinks (the bench restarted with fewer
 * sockets) brings the choice back to socket 1.
 */
export function useSocketChoice(count: number): [socket: number, choose: (socket: number) => void] {
  const [chosen, choose] = useState(1)
  return [chosen <= count ? chosen : 1, choose]
}
