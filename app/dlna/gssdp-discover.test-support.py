#!/usr/bin/python3
"""A third-party SSDP control point for the tests: GSSDP 1.6 (Debian's gir1.2-gssdp-1.6, through python3-gi).

Debian 12's gssdp-tools ships only the graphical gssdp-device-sniffer, not gssdp-discover; this is gssdp-discover's
loop in a few lines: a GSSDP.ResourceBrowser for one search target on one interface, printing each event as a JSON line:
{"event": "ready"} once searching, then {"event": "available", "usn": …, "locations": […]} and
{"event": "unavailable", "usn": …} as GSSDP reports them (M-SEARCH answers, NOTIFY alive / byebye).

usage: gssdp-discover.test-support.py IFACE TARGET SECONDS
"""
import json
import sys
import warnings

import gi

gi.require_version('GSSDP', '1.6')
from gi.repository import GLib, GSSDP  # noqa: E402


def emit(**fields):
    print(json.dumps(fields), flush=True)


def main():
    iface, target, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        client = GSSDP.Client.new_full(iface, None, 0, GSSDP.UDAVersion.VERSION_1_0)
    browser = GSSDP.ResourceBrowser.new(client, target)
    browser.connect('resource-available', lambda _b, usn, locations: emit(event='available', usn=usn, locations=list(locations)))
    browser.connect('resource-unavailable', lambda _b, usn: emit(event='unavailable', usn=usn))
    browser.set_active(True)
    emit(event='ready')
    loop = GLib.MainLoop()
    GLib.timeout_add(int(seconds * 1000), loop.quit)
    loop.run()


if __name__ == '__main__':
    main()
