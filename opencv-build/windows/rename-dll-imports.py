#!/usr/bin/env python3
"""Give a mingw-built GStreamer runtime the DLL names of the official MSVC one.

meson names mingw DLLs libglib-2.0-0.dll, libgstreamer-1.0-0.dll, ...; the official MSVC runtime
(and so the plugin's import table) uses glib-2.0-0.dll, gstreamer-1.0-0.dll. The files in ROOT/bin
are already renamed; this rewrites every import of an old name in ROOT's DLLs and EXEs in place
(the new name is shorter: it is written over the old one and padded with NUL bytes), then checks
with the PE import table that no old name is left.

usage: rename-dll-imports.py ROOT
"""
import os
import struct
import sys


def imports(data):
    """Names in a PE32+ file's import directory."""
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    sections = struct.unpack_from("<H", data, pe + 6)[0]
    opt_size = struct.unpack_from("<H", data, pe + 20)[0]
    opt = pe + 24
    import_rva = struct.unpack_from("<I", data, opt + 112 + 8)[0]   # data directory 1 (PE32+)
    table = []
    for i in range(sections):
        s = opt + opt_size + 40 * i
        vsize, va, rawsize, raw = struct.unpack_from("<IIII", data, s + 8)
        table.append((va, max(vsize, rawsize), raw))

    def offset(rva):
        for va, size, raw in table:
            if va <= rva < va + size:
                return rva - va + raw
        raise ValueError("RVA %#x outside every section" % rva)

    names = []
    if import_rva == 0:
        return names
    d = offset(import_rva)
    while True:
        name_rva = struct.unpack_from("<I", data, d + 12)[0]
        if name_rva == 0:
            return names
        o = offset(name_rva)
        names.append(data[o:data.index(b"\0", o)].decode("ascii"))
        d += 20


def main(root):
    renamed = {n: n for n in os.listdir(os.path.join(root, "bin"))}
    old_to_new = {("lib" + n).encode(): n.encode() for n in renamed if n.lower().endswith(".dll")}
    files = []
    for folder, _, names in os.walk(root):
        files += [os.path.join(folder, n) for n in names if n.lower().endswith((".dll", ".exe"))]
    for path in files:
        with open(path, "rb") as f:
            data = bytearray(f.read())
        changed = False
        for old, new in old_to_new.items():
            needle = b"\0" + old + b"\0"
            start = 0
            while True:
                i = data.find(needle, start)
                if i < 0:
                    break
                data[i + 1:i + 1 + len(old)] = new + b"\0" * (len(old) - len(new))
                changed = True
                start = i + 1
        if changed:
            with open(path, "wb") as f:
                f.write(data)
        left = [n for n in imports(bytes(data)) if n.encode() in old_to_new]
        if left:
            sys.exit("%s still imports %s" % (path, ", ".join(left)))
    print("rename-dll-imports: %d files checked, %d names mapped" % (len(files), len(old_to_new)))


if __name__ == "__main__":
    main(sys.argv[1])
