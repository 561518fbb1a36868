"""PyMeasure 0.9 drivers, unmodified, against a running `dvt serve` (pyvisa-py, raw sockets).

Usage: pymeasure_drivers.py <dmm port> <chamber port>
Every step drains the instrument's error queue afterwards, so a command the driver sends and the
instrument rejects shows up with the step that sent it. Prints one JSON object on stdout.
"""

import json
import sys

from pymeasure.instruments.agilent import Agilent34410A, Agilent34450A
from pymeasure.instruments.hp import HP34401A
from pymeasure.instruments.lakeshore import LakeShore331

OPTIONS = dict(visa_library="@py", read_termination="\n", write_termination="\n", timeout=3000)


class Recorder:
    def __init__(self, instrument):
        self.instrument = instrument
        self.values = {}
        self.errors = []

    def step(self, label, action):
        try:
            self.values[label] = action()
        except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
            self.errors.append(f"{label}: {type(error).__name__}: {error}")
        for _ in range(21):
            entry = self.instrument.ask("SYST:ERR?").strip()
            if entry.startswith("+0,") or entry.startswith("0,"):
                break
            self.errors.append(f"{label}: {entry}")

    def result(self):
        return {"values": self.values, "errors": self.errors}


def resource(port):
    return f"TCPIP::127.0.0.1::{port}::SOCKET"


def record(cls, port, steps):
    """Opens `cls` on the port, runs each (label, action) of `steps(instrument)` in order, and closes it."""
    instrument = cls(resource(port), **OPTIONS)
    r = Recorder(instrument)
    for label, action in steps(instrument):
        r.step(label, action)
    instrument.adapter.connection.close()
    return r.result()


def basic_dmm(dmm):
    return [
        ("id", lambda: dmm.id),
        ("voltage_dc", lambda: dmm.voltage_dc),
        ("current_dc", lambda: dmm.current_dc),
        ("resistance", lambda: dmm.resistance),
        ("resistance_4w", lambda: dmm.resistance_4w),
    ]


def agilent_34450a(dmm):
    return [
        ("id", lambda: dmm.id),
        ("configure_voltage", lambda: dmm.configure_voltage()),
        ("mode", lambda: dmm.mode),
        ("voltage", lambda: dmm.voltage),
        ("voltage_range", lambda: dmm.voltage_range),
        ("set voltage_range 1", lambda: setattr(dmm, "voltage_range", 1)),
        ("voltage_range after set", lambda: dmm.voltage_range),
        ("voltage_auto_range after set", lambda: dmm.voltage_auto_range),
        ("set voltage_auto_range", lambda: setattr(dmm, "voltage_auto_range", True)),
        ("voltage_auto_range", lambda: dmm.voltage_auto_range),
        ("configure_voltage 10 V MIN", lambda: dmm.configure_voltage(voltage_range=10, resolution="MIN")),
        ("voltage_range 10", lambda: dmm.voltage_range),
        ("voltage 10 V range", lambda: dmm.voltage),
        ("configure_current", lambda: dmm.configure_current()),
        ("current", lambda: dmm.current),
        ("configure_resistance", lambda: dmm.configure_resistance()),
        ("resistance", lambda: dmm.resistance),
        ("configure_voltage again", lambda: dmm.configure_voltage()),
        ("voltage again", lambda: dmm.voltage),
    ]


def lakeshore_331(controller):
    return [
        ("id", lambda: controller.id),
        ("temperature_A", lambda: controller.temperature_A),
        ("setpoint_1", lambda: controller.setpoint_1),
        ("set setpoint_1 358.15", lambda: setattr(controller, "setpoint_1", 358.15)),
        ("setpoint_1 after set", lambda: controller.setpoint_1),
        ("native setpoint after set", lambda: controller.ask("SETP?").strip()),
    ]


def main():
    dmm_port, chamber_port = int(sys.argv[1]), int(sys.argv[2])
    out = {
        "HP34401A": record(HP34401A, dmm_port, basic_dmm),
        "Agilent34410A": record(Agilent34410A, dmm_port, basic_dmm),
        "Agilent34450A": record(Agilent34450A, dmm_port, agilent_34450a),
        "LakeShore331": record(LakeShore331, chamber_port, lakeshore_331),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
