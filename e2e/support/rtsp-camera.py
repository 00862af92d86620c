#!/usr/bin/python3
"""A real RTSP camera for tests: GStreamer's RTSP server serving a generated H.264 stream on 127.0.0.1.

Run with Debian's /usr/bin/python3 (python3-gi + gir1.2-gst-rtsp-server-1.0):
  rtsp-camera.py --port 8554 --mount /cam1 [--auth user:password] [--pattern black|smpte|ball]
                 [--size 320x240] [--fps 10] [--audio-only]
Prints READY rtsp://127.0.0.1:PORT/MOUNT once it serves; runs until SIGTERM / SIGINT or its parent dies.
"""
import argparse
import os
import signal
import sys

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description='A test RTSP camera')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--mount', default='/cam')
    parser.add_argument('--auth', default=None, help='user:password (Basic auth)')
    parser.add_argument('--pattern', default='ball', choices=['black', 'smpte', 'ball'])
    parser.add_argument('--size', default='320x240')
    parser.add_argument('--fps', type=int, default=10)
    parser.add_argument('--audio-only', action='store_true', help='serve G.711 audio and no video (a broken camera)')
    parser.add_argument('--file', default=None, help='serve this H.264 MP4 as it is, in real time (no encoding: benchmarks)')
    return parser.parse_args()


def main():
    args = parse_args()
    width, height = (int(v) for v in args.size.lower().split('x'))
    Gst.init(None)

    pipeline = (
        f'( videotestsrc is-live=true pattern={args.pattern} '
        f'! video/x-raw,width={width},height={height},framerate={args.fps}/1 '
        f'! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={args.fps} '
        f'! rtph264pay name=pay0 pt=96 config-interval=1 )'
    )
    if args.file:
        pipeline = (
            f'( filesrc location="{args.file}" ! qtdemux ! h264parse config-interval=-1 '
            f'! rtph264pay name=pay0 pt=96 config-interval=1 )'
        )
    if args.audio_only:
        pipeline = '( audiotestsrc is-live=true ! audio/x-raw,rate=8000,channels=1 ! alawenc ! rtppcmapay name=pay0 pt=8 )'
    server = GstRtspServer.RTSPServer()
    server.set_address('127.0.0.1')
    server.set_service(str(args.port))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(pipeline)
    # every client shares one pipeline, as a real camera serves one encoder to all viewers
    factory.set_shared(True)

    if args.auth:
        user, _, password = args.auth.partition(':')
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, 'user')
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
        server.set_auth(auth)
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_permission_for_role('user', GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
        permissions.add_permission_for_role('user', GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
        factory.set_permissions(permissions)

    server.get_mount_points().add_factory(args.mount, factory)
    if server.attach(None) == 0:
        print(f'ERROR could not listen on 127.0.0.1:{args.port}', flush=True)
        sys.exit(2)

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)

    # the test process may die without stopping us: quit when our parent goes away
    parent = os.getppid()

    def parent_alive():
        if os.getppid() != parent:
            loop.quit()
            return False
        return True

    GLib.timeout_add(500, parent_alive)
    print(f'READY rtsp://127.0.0.1:{args.port}{args.mount}', flush=True)
    loop.run()


if __name__ == '__main__':
    main()
