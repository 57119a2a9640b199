#!/usr/bin/env python3
"""Draws the app's two icons (a support headset) with the standard library only.

color.png   192x192, white headset on the accent colour (Teams full-colour icon).
outline.png 32x32, white headset on transparent (Teams outline icon: white only).

Shapes are signed-distance functions sampled 4x4 per pixel, so edges are anti-aliased by
coverage; in the outline icon that coverage goes into alpha and the colour stays pure white.
Run: python3 manifest/make_icons.py  (rewrites both PNGs next to this file).
"""
import math
import os
import struct
import zlib

ACCENT = (0x0F, 0x6C, 0xBD)  # keep in step with accentColor in manifest.json
HERE = os.path.dirname(os.path.abspath(__file__))


def _capsule(px, py, ax, ay, bx, by, r):
    """Distance to a line segment a-b, minus radius (negative inside)."""
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy) - r


def _rounded_box(px, py, cx, cy, hw, hh, r):
    qx, qy = abs(px - cx) - hw + r, abs(py - cy) - hh + r
    return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0) - r


def headset(px, py, stroke):
    """Inside test for the headset in unit coordinates (0..1, y down). stroke scales line widths."""
    cx, cy, radius = 0.5, 0.54, 0.30
    # Headband: upper half of a ring.
    band = abs(math.hypot(px - cx, py - cy) - radius) - 0.045 * stroke
    if py > cy:
        band = 1.0
    # Ear cups, overlapping the band's ends.
    left = _rounded_box(px, py, cx - radius, 0.62, 0.075 * stroke, 0.13, 0.06 * stroke)
    right = _rounded_box(px, py, cx + radius, 0.62, 0.075 * stroke, 0.13, 0.06 * stroke)
    # Microphone boom from the left cup towards the mouth, ending in the mic.
    boom = min(_capsule(px, py, cx - radius, 0.72, cx - radius + 0.06, 0.84, 0.03 * stroke),
               _capsule(px, py, cx - radius + 0.06, 0.84, 0.47, 0.84, 0.03 * stroke))
    mic = _rounded_box(px, py, 0.50, 0.84, 0.07, 0.045 * stroke, 0.045 * stroke)
    return min(band, left, right, boom, mic) <= 0.0


def coverage(size, x, y, stroke, margin):
    inside = 0
    samples = 4
    for sy in range(samples):
        for sx in range(samples):
            u = (x + (sx + 0.5) / samples) / size
            v = (y + (sy + 0.5) / samples) / size
            # Shrink the drawing into the margin.
            u = (u - margin) / (1 - 2 * margin)
            v = (v - margin) / (1 - 2 * margin)
            inside += headset(u, v, stroke)
    return inside / (samples * samples)


def png(path, size, rows):
    """rows: list of bytes, RGBA, one per scanline."""
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def color_icon():
    size = 192
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            c = coverage(size, x, y, stroke=1.0, margin=0.16)
            row += bytes(round(a + (255 - a) * c) for a in ACCENT) + b"\xff"
        rows.append(bytes(row))
    png(os.path.join(HERE, "color.png"), size, rows)


def outline_icon():
    size = 32
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            c = coverage(size, x, y, stroke=1.5, margin=0.02)
            row += b"\xff\xff\xff" + bytes([round(255 * c)])
        rows.append(bytes(row))
    png(os.path.join(HERE, "outline.png"), size, rows)


if __name__ == "__main__":
    color_icon()
    outline_icon()
