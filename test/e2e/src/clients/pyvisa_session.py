"""PyVISA + pyvisa-py against a running `dvt serve`, exactly as a bench script would use it.

Usage: pyvisa_session.py <control> <chamber> <supply> <dmm> <load> <mux>   (TCP ports on 127.0.0.1)
Prints one JSON object on stdout; the vitest side asserts on it.
"""

import json
import sys

import pyvisa


def open_port(rm, port):
    return rm.open_resource(
        f"TCPIP::127.0.0.1::{port}::SOCKET",
        read_termination="\n",
        write_termination="\n",
        timeout=5000,
    )


def main():
    names = ["control", "chamber", "supply", "dmm", "load", "mux"]
    ports = dict(zip(names, (int(p) for p in sys.argv[1:7])))
    rm = pyvisa.ResourceManager("@py")
    sessions = {name: open_port(rm, port) for name, port in ports.items()}
    out = {"idn": {name: s.query("*IDN?") for name, s in sessions.items()}}

    supply, dmm = sessions["supply"], sessions["dmm"]
    supply.write("*RST")
    supply.write("VOLT 5")
    supply.write("OUTP ON")
    out["supply_opc"] = supply.query("*OPC?")
    out["supply_volt"] = supply.query("VOLT?")
    out["supply_outp"] = supply.query("OUTP?")
    out["dmm_volts"] = float(dmm.query("MEAS:VOLT:DC?"))
    out["dmm_ascii"] = dmm.query_ascii_values("MEAS:VOLT:DC? 10,DEF")

    # A query the instrument rejects answers nothing: the read times out, as on a real instrument.
    dmm.timeout = 500
    try:
        out["bad_query_answer"] = dmm.query("MEAS:VOLT:DCX?")
    except pyvisa.errors.VisaIOError as error:
        out["bad_query_error"] = error.abbreviation
    dmm.timeout = 5000
    out["dmm_error"] = dmm.query("SYST:ERR?")
    out["dmm_error_after"] = dmm.query("SYST:ERR?")
    out["dmm_idn_after"] = dmm.query("*IDN?")

    for s in sessions.values():
        s.close()
    rm.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
