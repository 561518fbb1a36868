/** The chart palette, shared so every page colours the same quantity the same way. */
export const chartColors = {
  setpoint: '#94a3b8',
  chamber: '#2563eb',
  case: '#f59e0b',
  junction: '#dc2626',
  vin: '#7c3aed',
  vout: '#059669',
  iout: '#0891b2',
  power: '#db2777',
  series: ['#2563eb', '#059669', '#dc2626', '#f59e0b', '#7c3aed', '#0891b2', '#db2777', '#64748b'],
}
