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


def basic_dmm(cls, port):
    dmm = cls(resource(port), **OPTIONS)
    r = Recorder(dmm)
    r.step("id", lambda: dmm.id)
    r.step("voltage_dc", lambda: dmm.voltage_dc)
    r.step("current_dc", lambda: dmm.current_dc)
    r.step("resistance", lambda: dmm.resistance)
    r.step("resistance_4w", lambda: dmm.resistance_4w)
    dmm.adapter.connection.close()
    return r.result()


def agilent_34450a(port):
    dmm = Agilent34450A(resource(port), **OPTIONS)
    r = Recorder(dmm)
    r.step("id", lambda: dmm.id)
    r.step("configure_voltage", lambda: dmm.configure_voltage())
    r.step("mode", lambda: dmm.mode)
    r.step("voltage", lambda: dmm.voltage)
    r.step("voltage_range", lambda: dmm.voltage_range)
    r.step("set voltage_range 1", lambda: setattr(dmm, "voltage_range", 1))
    r.step("voltage_range after set", lambda: dmm.voltage_range)
    r.step("voltage_auto_range after set", lambda: dmm.voltage_auto_range)
    r.step("set voltage_auto_range", lambda: setattr(dmm, "voltage_auto_range", True))
    r.step("voltage_auto_range", lambda: dmm.voltage_auto_range)
    r.step("configure_voltage 10 V MIN", lambda: dmm.configure_voltage(voltage_range=10, resolution="MIN"))
    r.step("voltage_range 10", lambda: dmm.voltage_range)
    r.step("voltage 10 V range", lambda: dmm.voltage)
    r.step("configure_current", lambda: dmm.configure_current())
    r.step("current", lambda: dmm.current)
    r.step("configure_resistance", lambda: dmm.configure_resistance())
    r.step("resistance", lambda: dmm.resistance)
    r.step("configure_voltage again", lambda: dmm.configure_voltage())
    r.step("voltage again", lambda: dmm.voltage)
    dmm.adapter.connection.close()
    return r.result()


def lakeshore_331(port):
    controller = LakeShore331(resource(port), **OPTIONS)
    r = Recorder(controller)
    r.step("id", lambda: controller.id)
    r.step("temperature_A", lambda: controller.temperature_A)
    r.step("setpoint_1", lambda: controller.setpoint_1)
    r.step("set setpoint_1 358.15", lambda: setattr(controller, "setpoint_1", 358.15))
    r.step("setpoint_1 after set", lambda: controller.setpoint_1)
    r.step("native setpoint after set", lambda: controller.ask("SETP?").strip())
    controller.adapter.connection.close()
    return r.result()


def main():
    dmm_port, chamber_port = int(sys.argv[1]), int(sys.argv[2])
    out = {
        "HP34401A": basic_dmm(HP34401A, dmm_port),
        "Agilent34410A": basic_dmm(Agilent34410A, dmm_port),
        "Agilent34450A": agilent_34450a(dmm_port),
        "LakeShore331": lakeshore_331(chamber_port),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
