/** The Live page's telemetry colours, one per quantity (a run's charts use @dvt/charts' palette). */
export const chartColors = {
  setpoint: '#94a3b8',
  chamber: '#2563eb',
  case: '#f59e0b',
  junction: '#dc2626',
  vin: '#7c3aed',
  vout: '#059669',
  iout: '#0891b2',
  power: '#db2777',
}
