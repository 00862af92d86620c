#!/usr/bin/python3
"""A third-party UPnP control point for the tests: GUPnP 1.6 (Debian's gir1.2-gupnp-1.6 + gir1.2-gupnp-av-1.0).

Finds MediaServers on an interface by SSDP, picks the one whose UDN matches (or the first), then browses its
ContentDirectory: BrowseMetadata of the root and BrowseDirectChildren of each container, breadth first, up to a depth.
Prints one JSON document: the device's description facts and every object seen (id, parentID, title, class, child
count, res URLs and protocolInfo), parsed by GUPnPAV's DIDL-Lite parser.

usage: upnp-control-point.py IFACE [--udn uuid:…] [--depth N] [--timeout S] [--page N]
"""
import argparse
import json
import sys
import warnings

import gi

gi.require_version('GUPnP', '1.6')
gi.require_version('GUPnPAV', '1.0')
from gi.repository import GLib, GObject, GUPnP, GUPnPAV  # noqa: E402

MEDIA_SERVER = 'urn:schemas-upnp-org:device:MediaServer:1'
CDS = 'urn:schemas-upnp-org:service:ContentDirectory'


def parse_didl(xml):
    objects = []
    if '<item' not in xml and '<container' not in xml:
        return objects  # GUPnPAV refuses an empty DIDL-Lite document
    parser = GUPnPAV.DIDLLiteParser.new()

    def on_object(_parser, obj):
        entry = {
            'id': obj.get_id(),
            'parentID': obj.get_parent_id(),
            'title': obj.get_title(),
            'class': obj.get_upnp_class(),
            'container': isinstance(obj, GUPnPAV.DIDLLiteContainer),
        }
        if entry['container']:
            entry['childCount'] = obj.get_child_count()
        entry['res'] = [
            {'uri': r.get_uri(), 'protocolInfo': r.get_protocol_info().to_string(), 'size': r.get_size64()}
            for r in obj.get_resources()
        ]
        objects.append(entry)

    parser.connect('object-available', on_object)
    parser.parse_didl(xml)
    return objects


def browse(cds, object_id, flag, start, count):
    action = GUPnP.ServiceProxyAction.new_from_list(
        'Browse',
        ['ObjectID', 'BrowseFlag', 'Filter', 'StartingIndex', 'RequestedCount', 'SortCriteria'],
        [object_id, flag, '*', start, count, ''],
    )
    cds.call_action(action, None)
    ok, values = action.get_result_list(
        ['Result', 'NumberReturned', 'TotalMatches', 'UpdateID'], [GObject.TYPE_STRING, GObject.TYPE_UINT, GObject.TYPE_UINT, GObject.TYPE_UINT]
    )
    if not ok:
        raise RuntimeError(f'Browse {object_id} {flag}: no result')
    result, returned, total, update_id = values
    return parse_didl(result), returned, total, update_id


def main():
    args = argparse.ArgumentParser()
    args.add_argument('iface')
    args.add_argument('--udn')
    args.add_argument('--depth', type=int, default=3)
    args.add_argument('--timeout', type=float, default=15)
    args.add_argument('--page', type=int, default=50)
    opts = args.parse_args()

    # Context.new is deprecated in 1.6 but is the one constructor every 1.x has
    warnings.simplefilter('ignore', DeprecationWarning)
    context = GUPnP.Context.new(opts.iface, 0)
    control_point = GUPnP.ControlPoint.new(context, MEDIA_SERVER)
    loop = GLib.MainLoop()
    found = {}

    def on_device(_cp, proxy):
        if found or (opts.udn and proxy.get_udn() != opts.udn):
            return
        found['proxy'] = proxy
        loop.quit()

    control_point.connect('device-proxy-available', on_device)
    control_point.set_active(True)
    GLib.timeout_add(int(opts.timeout * 1000), loop.quit)
    loop.run()
    if 'proxy' not in found:
        print(json.dumps({'error': f'no MediaServer {opts.udn or ""} answered on {opts.iface}'}))
        return 2

    proxy = found['proxy']
    cds = next((s for s in proxy.list_services() if s.get_service_type().startswith(CDS)), None)
    if cds is None:
        print(json.dumps({'error': 'the MediaServer has no ContentDirectory'}))
        return 3

    out = {
        'udn': proxy.get_udn(),
        'friendlyName': proxy.get_friendly_name(),
        'location': proxy.get_location(),
        'controlURL': cds.get_control_url(),
        'objects': [],
    }
    root, _, _, update_id = browse(cds, '0', 'BrowseMetadata', 0, 0)
    out['root'] = root
    out['updateID'] = update_id
    queue = [('0', 0)]
    while queue:
        object_id, depth = queue.pop(0)
        start = 0
        while True:
            children, returned, total, _ = browse(cds, object_id, 'BrowseDirectChildren', start, opts.page)
            for child in children:
                out['objects'].append(child)
                if child['container'] and depth + 1 < opts.depth:
                    queue.append((child['id'], depth + 1))
            start += returned
            if returned == 0 or start >= total:
                break
    print(json.dumps(out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
