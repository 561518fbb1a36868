import { describe, expect, it } from 'vitest'
import { isLoopback, isSameOrigin, presentedToken, readCookie, sameSecret } from './auth-rules'

describe('auth rules', () => {
  it('tells loopback addresses from reachable ones', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h)).toBe(true)
    for (const h of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) expect(isLoopback(h)).toBe(false)
  })

  it('compares secrets exactly', () => {
    expect(sameSecret('a-long-enough-token', 'a-long-enough-token')).toBe(true)
    expect(sameSecret('a-long-enough-token', 'a-long-enough-tokeN')).toBe(false)
    expect(sameSecret('', 'x')).toBe(false)
  })

  it('reads the token from a bearer header first, then the cookie', () => {
    expect(presentedToken({ authorization: 'Bearer abc', cookie: 'dvt_token=def' })).toBe('abc')
    expect(presentedToken({ cookie: 'theme=dark; dvt_token=d%20ef' })).toBe('d ef')
    expect(presentedToken({ authorization: 'Basic xyz' })).toBeNull()
    expect(readCookie('a=1; b=2', 'c')).toBeNull()
  })

  it('accepts a missing Origin and the same host:port only', () => {
    expect(isSameOrigin(undefined, '127.0.0.1:8080')).toBe(true)
    expect(isSameOrigin('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true)
    expect(isSameOrigin('http://127.0.0.1:8081', '127.0.0.1:8080')).toBe(false)
    expect(isSameOrigin('https://evil.example', '127.0.0.1:8080')).toBe(false)
    expect(isSameOrigin('null', '127.0.0.1:8080')).toBe(false)
    expect(isSameOrigin('file://x', 'x')).toBe(false)
  })
})
