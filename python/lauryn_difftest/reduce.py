"""Delta reduction of a mismatching program.

    text, args = reduce(text, args, interesting)

`interesting(text, args) -> bool` says whether a candidate still shows the
mismatch (by default `same_mismatch(report)`: one of the original
(variant, kind) pairs is still there). Steps, repeated until nothing changes:

  1. return fewer values (drop one result at a time);
  2. remove ops, last to first: the uses of the removed op's results are
     replaced by an earlier visible value of the same type (no less exact:
     an exact value is never replaced by an inexact one, so the tolerances of
     the remaining results stay valid), or by a new parameter of that type
     holding the value the reference interpreter computes for it; an unused
     op is just deleted (a whole scf.for block or a call counts as one op;
     the ops inside loop bodies and the helper function are candidates too);
  3. drop unused parameters and the helper function once it is not called;
  4. simplify the inputs: matrices to zeros, ones, small integers, or with
     their NaN/Inf replaced by 0 or their second half zeroed.

The text format is the generator's (one op per line, every result type
written, `// inexact` marks); see generator.py. write_reproducer() saves the
result with its argument files and the lauryn-run commands.
"""

import json
import pathlib
import re

import numpy as np
import scipy.io
import scipy.sparse

from . import runner

TYPE_RE = runner.TYPE_RE


# ------------------------------------------------------------ text analysis

class Def:
    def __init__(self, names, types, start, end, path, exact, kind):
        self.names, self.types = names, types
        self.start, self.end = start, end      # line range [start, end]
        self.path, self.exact, self.kind = path, exact, kind


def result_types(line):
    code = line.split("//")[0]
    if "scf.for" in code or "func.call" in code:
        return TYPE_RE.findall(code.rsplit("->", 1)[1])
    if "->" in code:
        return TYPE_RE.findall(code.rsplit("->", 1)[1])
    if " to " in code and ("index_cast" in code or "sitofp" in code or "tensor.cast" in code):
        return TYPE_RE.findall(code.rsplit(" to ", 1)[1])
    if "tensor.dim" in code:
        return ["index"]
    return TYPE_RE.findall(code.rsplit(" : ", 1)[1])


def analyze(text):
    """Definitions (params and op lines) of every function, with their block
    path (for visibility)."""
    lines = text.splitlines()
    defs, stack, counter = [], [], [0]
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("func.func"):
            counter[0] += 1
            stack = [counter[0]]
            sig = s.split("(", 1)[1].rsplit(") ->", 1)[0] if ") ->" in s else \
                s.split("(", 1)[1].rsplit(")", 1)[0]
            for name, ty in re.findall(r"(%\w+): (tensor<[^>]*>|\w+)", sig):
                defs.append(Def([name], [ty], i, i, tuple(stack), True, "param"))
            continue
        m = re.match(r"(%[\w]+)(?::(\d+))? = (\S+)", s)
        if m:
            name, n, opname = m.group(1), m.group(2), m.group(3)
            types = result_types(s)
            names = [f"{name}#{k}" for k in range(int(n))] if n else [name]
            exact = "// inexact" not in s
            if opname == "scf.for":
                depth, j = 0, i
                for j in range(i, len(lines)):
                    depth += lines[j].count("{") - lines[j].count("}")
                    if depth == 0:
                        break
                defs.append(Def(names, types, i, j, tuple(stack), exact, opname))
                counter[0] += 1
                stack = stack + [counter[0]]
                # the iteration argument and induction variable
                it = re.search(r"iter_args\((%\w+) = ", s)
                iv = re.search(r"scf\.for (%\w+) =", s)
                if it:
                    defs.append(Def([it.group(1)], types[:1], i, i, tuple(stack), False, "iter"))
                if iv:
                    defs.append(Def([iv.group(1)], ["index"], i, i, tuple(stack), True, "iv"))
                continue
            defs.append(Def(names, types, i, i, tuple(stack), exact, opname))
            continue
        if s == "}" and len(stack) > 1:
            stack = stack[:-1]
    return lines, defs


def uses(lines, name, start):
    pat = re.compile(re.escape(name) + r"(?![\w#:])")
    return [i for i in range(start, len(lines)) if pat.search(lines[i].split("//")[0])]


def replace_uses(lines, name, new, start):
    pat = re.compile(re.escape(name) + r"(?![\w#:])")
    out = list(lines)
    for i in range(start, len(lines)):
        code, sep, comment = lines[i].partition("//")
        out[i] = pat.sub(new, code) + sep + comment
    return out


def visible(d, at):
    """Is definition d visible at the definition point `at` (another Def)?"""
    end = d.end if d.kind == "scf.for" else d.start
    return end < at.start and at.path[:len(d.path)] == d.path


# --------------------------------------------------------------- edits

def func_span(lines, name):
    for i, l in enumerate(lines):
        if l.startswith(f"func.func @{name}("):
            for j in range(i, len(lines)):
                if lines[j] == "}":
                    return i, j
    return None


def main_signature(lines):
    i, _ = func_span(lines, "main")
    m = re.match(r"func\.func @main\((.*)\) -> \((.*)\) \{$", lines[i])
    params = re.findall(r"(%\w+): (tensor<[^>]*>|\w+)", m.group(1))
    return i, params, TYPE_RE.findall(m.group(2))


def set_main_signature(lines, params, rtypes):
    i, _, _ = main_signature(lines)
    out = list(lines)
    out[i] = (f"func.func @main({', '.join(f'{n}: {t}' for n, t in params)}) -> "
              f"({', '.join(rtypes)}) {{")
    return out


def return_line(lines):
    _, end = func_span(lines, "main")
    for k in range(end, 0, -1):
        if lines[k].strip().startswith("return "):
            return k


def drop_result(lines, k):
    i, params, rtypes = main_signature(lines)
    r = return_line(lines)
    m = re.match(r"(\s*)return (.*?) : (.*)$", lines[r])
    names = [x.strip() for x in m.group(2).split(",")]
    if len(names) <= 1:
        return None
    del names[k]
    types = list(rtypes)
    del types[k]
    out = set_main_signature(lines, params, types)
    out[r] = f"{m.group(1)}return {', '.join(names)} : {', '.join(types)}"
    return out


def add_param(lines, args, ty, value):
    i, params, rtypes = main_signature(lines)
    used = {int(n[2:]) for n, _ in params if re.match(r"%a\d+$", n)} | \
        {int(k[1:]) for k in args if re.match(r"a\d+$", k)}
    k = max(used, default=-1) + 1
    name = f"%a{k}"
    out = set_main_signature(lines, params + [(name, ty)], rtypes)
    new_args = dict(args)
    new_args[name[1:]] = value
    return out, new_args, name


def cleanup(lines, args):
    """Drops unused parameters and an uncalled helper."""
    text = "\n".join(lines)
    if "func.call @helper" not in text and func_span(lines, "helper"):
        a, b = func_span(lines, "helper")
        lines = lines[:a] + lines[b + 1:]
        while a < len(lines) and a > 0 and lines[a] == "" and lines[a - 1] == "":
            del lines[a]
    i, params, rtypes = main_signature(lines)
    keep = [(n, t) for n, t in params if uses(lines, n, i + 1)]
    if len(keep) != len(params):
        lines = set_main_signature(lines, keep, rtypes)
        args = {k: v for k, v in args.items() if "%" + k in {n for n, _ in keep}}
    return lines, args


def value_of(text, args, name, ty):
    """The reference interpreter's value of `name` (None if unavailable)."""
    lines = text.splitlines()
    r = return_line(lines)
    if ty == "index":
        return None
    # visible at the return only if defined at the top level of @main
    lines2 = list(lines)
    lines2[r] = f"  return {name} : {ty}"
    i, params, _ = main_signature(lines2)
    lines2 = set_main_signature(lines2, params, [ty])
    try:
        import lauryn_ref
        (v,) = lauryn_ref.run("\n".join(lines2), "main", dict(args))
    except Exception:  # noqa: BLE001
        return None
    return v


# ------------------------------------------------------------------ driver

def same_mismatch(original, variants=None, reference=None):
    """The default interestingness test: a mismatch of one of the original
    (variant, kind) pairs (running only those variants)."""
    sig = original.signature()
    vs = tuple(sorted({v for v, _ in sig if v in runner.VARIANTS})) or tuple(runner.VARIANTS)
    if variants:
        vs = variants

    def interesting(text, args):
        rep = runner.check(text, args, variants=vs, reference=reference)
        return rep.status == "mismatch" and bool(rep.signature() & sig)
    return interesting


def simplified_values(v):
    if scipy.sparse.issparse(v):
        d = v.toarray()
        yield scipy.sparse.csr_matrix(np.zeros_like(d))
        if d.size:
            e = np.where(np.isfinite(d), d, 0).astype(d.dtype)
            yield _csr(e)
            yield _csr(np.where(d != 0, 1, 0).astype(d.dtype))
        return
    if isinstance(v, np.ndarray):
        if v.size == 0:
            return
        yield np.zeros_like(v)
        yield np.ones_like(v)
        if v.dtype.kind == "f":
            yield np.where(np.isfinite(v), v, 0).astype(v.dtype)
            yield np.round(np.where(np.isfinite(v), v, 0)).astype(v.dtype)
        h = v.copy().reshape(-1)
        h[h.size // 2:] = 0
        yield h.reshape(v.shape)
        return
    if isinstance(v, (float, np.floating)):
        for x in (0.0, 1.0):
            if not (x == v and np.signbit(x) == np.signbit(v)):
                yield type(v)(x)
    elif isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        for x in (0, 1):
            if x != v:
                yield type(v)(x)


def _csr(d):
    m = scipy.sparse.csr_matrix(d)
    m.eliminate_zeros()
    return m


def reduce(text, args, interesting, max_checks=400, log=None):
    """The reduced (text, args); `interesting` must hold for the input."""
    checks = [0]

    def test(t, a):
        if checks[0] >= max_checks:
            return False
        checks[0] += 1
        try:
            return interesting(t, a)
        except Exception:  # noqa: BLE001
            return False

    lines = text.splitlines()
    changed = True
    while changed and checks[0] < max_checks:
        changed = False
        # 1. fewer results
        k = 0
        while True:
            _, _, rtypes = main_signature(lines)
            if k >= len(rtypes) or len(rtypes) <= 1:
                break
            cand = drop_result(lines, k)
            if cand:
                cl, ca = cleanup(cand, args)
                if test("\n".join(cl), ca):
                    lines, args, changed = cl, ca, True
                    continue
            k += 1
        # 2. remove ops, last first
        _, defs = analyze("\n".join(lines))
        for d in sorted([d for d in defs if d.kind not in ("param", "iter", "iv")],
                        key=lambda d: -d.start):
            _, defs_now = analyze("\n".join(lines))
            cur = next((x for x in defs_now if x.names == d.names and x.kind == d.kind), None)
            if cur is None:
                continue
            attempts = []
            base = lines[:cur.start] + lines[cur.end + 1:]
            if all(not uses(lines, n, cur.end + 1) for n in cur.names):
                attempts.append((base, args))
            else:
                # replacement by earlier same-typed values
                per_name = []
                for n, t in zip(cur.names, cur.types):
                    if t == "index":  # loop bounds and slice bounds: keep their values
                        per_name.append([])
                        continue
                    cands = [x for x in defs_now if len(x.names) == 1 and x.types == [t]
                             and visible(x, cur) and (x.exact or not cur.exact)
                             and x.names[0] != n]
                    per_name.append(list(reversed(cands))[:3])
                if all(per_name):
                    for choice in range(3):
                        new = base
                        ok = True
                        for n, cands in zip(cur.names, per_name):
                            if choice >= len(cands):
                                ok = False
                                break
                            new = replace_uses(new, n, cands[choice].names[0], cur.start)
                        if ok:
                            attempts.append((new, args))
                # replacement by a parameter holding the reference's value
                main_start = func_span(lines, "main")[0]
                if len(cur.names) == 1 and len(cur.path) == 1 and cur.start > main_start:
                    t = cur.types[0]
                    v = value_of("\n".join(lines), args, cur.names[0], t) \
                        if checks[0] < max_checks else None
                    if v is not None:
                        if not t.startswith("tensor<"):
                            v = np.dtype(runner.element_type(t).replace("f", "float").replace(
                                "i", "int")).type(v)
                        new, na, pname = add_param(base, args, t, v)
                        new = replace_uses(new, cur.names[0], pname, cur.start)
                        attempts.append((new, na))
            for new, na in attempts:
                cl, ca = cleanup(new, na)
                if test("\n".join(cl), ca):
                    lines, args, changed = cl, ca, True
                    if log:
                        log(f"removed {cur.names} ({cur.kind})")
                    break
        # 3. simplify inputs
        for name in list(args):
            for v in simplified_values(args[name]):
                na = dict(args)
                na[name] = v
                if test("\n".join(lines), na):
                    args, changed = na, True
                    break
    return "\n".join(lines) + "\n", args


# ------------------------------------------------------------- reproducers

def write_reproducer(directory, text, args, description=""):
    """repro.mlir (with the mismatch and the commands in its header), the
    argument files, and args.json (name -> file or number)."""
    d = pathlib.Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    spec = {}
    for name, v in args.items():
        if scipy.sparse.issparse(v):
            f = f"{name}.mtx"
            scipy.io.mmwrite(str(d / f), scipy.sparse.coo_matrix(v), precision=17)
            spec[name] = {"file": f, "dtype": str(v.dtype)}
        elif isinstance(v, np.ndarray):
            f = f"{name}.npy"
            np.save(d / f, v)
            spec[name] = {"file": f}
        elif isinstance(v, (float, np.floating)):
            spec[name] = {"float": repr(float(v)), "dtype": np.asarray(v).dtype.name}
        else:
            spec[name] = {"int": int(v), "dtype": np.asarray(v).dtype.name}
    (d / "args.json").write_text(json.dumps(spec, indent=1) + "\n")
    argflags = " ".join(f"--arg {n}={s['file'] if 'file' in s else s.get('float', s.get('int'))}"
                        for n, s in spec.items())
    header = ["// Reduced reproducer written by lauryn_difftest.", "//"]
    header += ["// " + l for l in description.strip().splitlines()]
    header += ["//", "// Run (in this directory):",
               f"//   lauryn-run repro.mlir {argflags}",
               f"//   lauryn-run --no-optimize repro.mlir {argflags}",
               "//   python3 -m lauryn_ref repro.mlir " + argflags, ""]
    body = "\n".join(l for l in text.splitlines())
    (d / "repro.mlir").write_text("\n".join(header) + body + "\n")
    return d


def load_reproducer(directory):
    """(text, args) of a reproducer directory."""
    d = pathlib.Path(directory)
    text = (d / "repro.mlir").read_text()
    spec = json.loads((d / "args.json").read_text())
    args = {}
    for name, s in spec.items():
        if "file" in s:
            p = d / s["file"]
            if p.suffix == ".mtx":
                args[name] = scipy.sparse.csr_matrix(scipy.io.mmread(str(p))).astype(s["dtype"])
            else:
                args[name] = np.load(p)
        elif "float" in s:
            args[name] = np.dtype(s["dtype"]).type(float(s["float"]))
        else:
            args[name] = np.dtype(s["dtype"]).type(s["int"])
    return text, args
