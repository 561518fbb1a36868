"""PyVISA + pyvisa-py reading a scan of the switch/measure unit of a running `dvt serve --sockets 8`.

Usage: pyvisa_mux_scan.py <mux port>   (TCP on 127.0.0.1)
Prints one JSON object on stdout; the vitest side asserts on it.
"""

import json
import sys

import pyvisa


def main():
    rm = pyvisa.ResourceManager("@py")
    daq = rm.open_resource(
        f"TCPIP::127.0.0.1::{int(sys.argv[1])}::SOCKET",
        read_termination="\n",
        write_termination="\n",
        timeout=5000,
    )
    out = {"idn": daq.query("*IDN?")}
    daq.write("*RST")
    daq.write("CONF:VOLT:DC 10,(@101:108)")
    daq.write("VOLT:DC:NPLC 10,(@101:108)")
    out["scan_list"] = daq.query("ROUT:SCAN?")
    out["read"] = daq.query_ascii_values("READ?")
    daq.write("INIT")
    out["fetch"] = daq.query_ascii_values("FETC?")
    out["currents"] = daq.query_ascii_values("MEAS:VOLT:DC? AUTO,(@201:208)")
    daq.write("ROUT:SCAN (@101:109)")
    out["bad_list_error"] = daq.query("SYST:ERR?")
    daq.close()
    rm.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
