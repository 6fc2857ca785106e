"""Exact vertex enumeration for :func:`gametheory.solvers.vertex_enumeration` (private).

The same reverse search as the numba kernel in ``_vertex_kernels`` (the lexicographic
ratio test, Bland's rule as the parent oracle, an undo stack), in pure Python on an
integer tableau: rational data are scaled to integers and every pivot is the
fraction-free (Bareiss / Edmonds) update

    T[i, j] <- (T[i, j] * T[p, c] - T[i, c] * T[p, j]) / D,    D <- T[p, c],

whose divisions are exact, so entries stay integers (minors of the data) and no
comparison needs a tolerance.  This is how lrs works (Avis 2000, "lrs: a revised
implementation of the reverse search vertex enumeration algorithm").
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

__all__ = ["exact_vertices"]


def _lex_ratio_row(T, col, d, r, rhs):
    """Leaving row of the lexicographic ratio test on the integer tableau, -1 if none."""
    best = -1
    for i in range(r):
        a = T[i][col]
        if a <= 0:
            continue
        if best < 0:
            best = i
            continue
        ab = T[best][col]
        diff = T[i][rhs] * ab - T[best][rhs] * a
        if diff < 0:
            best = i
        elif diff == 0:
            Ti, Tb = T[i], T[best]
            for k in range(d, d + r):  # columns of B^-1 (the slacks), in order
                diff = Ti[k] * ab - Tb[k] * a
                if diff < 0:
                    best = i
                    break
                if diff > 0:
                    break
    return best


def _pivot(T, p, c, D):
    """Fraction-free pivot on ``(p, c)``; returns the new determinant ``T[p][c]``."""
    prow = T[p]
    a = prow[c]
    for i, row in enumerate(T):
        if i == p:
            continue
        f = row[c]
        if f:
            T[i] = [(x * a - f * y) // D for x, y in zip(row, prow)]
        else:
            T[i] = [x * a // D for x in row]
    return a


def exact_vertices(M, var_label):
    """All vertices of ``{z >= 0 : M z <= 1}`` for a positive rational ``M`` (a list of
    ``r`` rows of ``d`` Fractions), with their label sets.

    Returns ``(labels, coords, num_bases)``: label sets as Python ints (bit ``var_label[v]``
    set when variable ``v`` is zero; variables ``0..d-1`` are ``z``, ``d..d+r-1`` the
    slacks), exact coordinates as tuples of Fractions, and the number of bases visited.
    Vertex 0 is the origin.
    """
    r = len(M)
    d = len(M[0])
    nv = d + r
    rhs = nv
    scale = 1
    for row in M:
        for x in row:
            scale = lcm(scale, Fraction(x).denominator)
    # M_int z + s' = scale with the scaled slacks s' = scale * s: unit slack columns
    T = []
    for i, row in enumerate(M):
        T.append([int(Fraction(x) * scale) for x in row]
                 + [1 if k == i else 0 for k in range(r)] + [scale])
    T.append([1] * d + [0] * (r + 1))  # objective w + sum(z) = 0, maximised at z = 0
    obj = r
    D = 1
    basis = [d + i for i in range(r)]
    isbasic = [False] * d + [True] * r

    labels: list[int] = []
    coords: list[tuple] = []
    seen: dict[int, int] = {}
    cand = [0]
    stack: list[tuple[int, int]] = [(-1, -1)]  # (row, entering variable) per depth
    nbases = 1
    record = True
    while True:
        if record:
            lab = 0
            for v in range(nv):
                if not isbasic[v]:
                    lab |= 1 << var_label[v]
            for i in range(r):
                if T[i][rhs] == 0:
                    lab |= 1 << var_label[basis[i]]
            if lab not in seen:
                seen[lab] = len(labels)
                z = [Fraction(0)] * d
                for i in range(r):
                    if basis[i] < d:
                        z[basis[i]] = Fraction(T[i][rhs], D)
                labels.append(lab)
                coords.append(tuple(z))
            record = False
        depth = len(cand) - 1
        c = cand[depth]
        row = -1
        tobj = T[obj]
        while c < nv:
            if not isbasic[c] and tobj[c] > 0:
                row = _lex_ratio_row(T, c, d, r, rhs)
                if row >= 0:
                    # a child iff Bland's rule would bring u = basis[row] back in
                    u = basis[row]
                    a = T[row][c]
                    rc = tobj[c]
                    prow = T[row]
                    for q in range(u):
                        if q != c and not isbasic[q] and tobj[q] * a - rc * prow[q] < 0:
                            row = -1
                            break
                    if row >= 0:
                        break
            c += 1
        if row >= 0:
            cand[depth] = c + 1
            leave = basis[row]
            D = _pivot(T, row, c, D)
            basis[row] = c
            isbasic[c] = True
            isbasic[leave] = False
            cand.append(0)
            stack.append((row, leave))
            nbases += 1
            record = True
        else:
            if depth == 0:
                break
            row, back = stack.pop()
            cand.pop()
            ent = basis[row]
            D = _pivot(T, row, back, D)
            basis[row] = back
            isbasic[back] = True
            isbasic[ent] = False
    return labels, coords, nbases
