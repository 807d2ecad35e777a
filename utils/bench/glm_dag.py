"""A GLM-sized la program for the plan-selection benchmark: `iterations`
unrolled IRLS steps of a logistic-regression GLM (SystemDS glm.dml's inner
loop: linear predictor, mean and variance, working response and weights, the
weighted gradient and a deviance), with the vector intermediates shared by
several consumers that make la-fuse's cost search choose (decision points)."""

import sys


def glm_program(iterations):
    lines = ["func.func @main(%X: tensor<?x?xf64>, %y: tensor<?x1xf64>, %b0: tensor<?x1xf64>) -> (tensor<?x1xf64>, f64) {",
             "  %one = arith.constant 1.0 : f64",
             "  %eps = arith.constant 1.0e-12 : f64",
             "  %half = arith.constant 0.5 : f64",
             "  %lam = arith.constant 0.001 : f64",
             "  %Xt = la.transpose %X : tensor<?x?xf64> -> tensor<?x?xf64>"]
    V = "tensor<?x1xf64>"
    b = "%b0"
    dev = None
    for k in range(iterations):
        p = f"%i{k}_"
        lines += [
            f"  {p}eta = la.matmul %X, {b} : tensor<?x?xf64>, {V} -> {V}",
            f"  {p}mu = la.sigmoid {p}eta : {V}",
            f"  {p}om = la.sub %one, {p}mu : f64, {V} -> {V}",
            f"  {p}var = la.mul {p}mu, {p}om : {V}, {V}",
            f"  {p}vare = la.add {p}var, %eps : {V}, f64 -> {V}",
            f"  {p}r = la.sub %y, {p}mu : {V}, {V}",
            f"  {p}q = la.div {p}r, {p}vare : {V}, {V}",
            f"  {p}z = la.add {p}eta, {p}q : {V}, {V}",
            f"  {p}wz = la.mul {p}var, {p}z : {V}, {V}",
            f"  {p}g = la.matmul %Xt, {p}wz : tensor<?x?xf64>, {V} -> {V}",
            f"  {p}lb = la.mul %lam, {b} : f64, {V} -> {V}",
            f"  {p}gr = la.sub {p}g, {p}lb : {V}, {V}",
            f"  {p}ly = la.log {p}mu : {V}",
            f"  {p}lo = la.log {p}om : {V}",
            f"  {p}t1 = la.mul %y, {p}ly : {V}, {V}",
            f"  {p}oy = la.sub %one, %y : f64, {V} -> {V}",
            f"  {p}t2 = la.mul {p}oy, {p}lo : {V}, {V}",
            f"  {p}ll = la.add {p}t1, {p}t2 : {V}, {V}",
            f"  {p}dev = la.sum {p}ll : {V} -> f64",
            f"  {p}rs = la.sumsq {p}r : {V} -> f64",
            f"  {p}ws = la.sum {p}var : {V} -> f64",
            f"  {p}gn = la.sumsq {p}gr : {V} -> f64",
            f"  {p}s0 = la.div {p}ws, {p}gn : f64, f64 -> f64",
            f"  {p}s1 = la.mul {p}s0, %half : f64, f64 -> f64",
            f"  {p}st = la.mul {p}s1, {p}gr : f64, {V} -> {V}",
            f"  {p}b = la.add {b}, {p}st : {V}, {V}",
            f"  {p}d1 = la.add {p}dev, {p}rs : f64, f64 -> f64",
        ]
        b = f"{p}b"
        dev = f"{p}d1" if dev is None else dev
        if k:
            lines.append(f"  {p}acc = la.add {dev}, {p}d1 : f64, f64 -> f64")
            dev = f"{p}acc"
    lines += [f"  return {b}, {dev} : {V}, f64", "}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(glm_program(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
