"""All extreme Nash equilibria of a two-player game by vertex enumeration, degenerate games
included, with the maximal convex sets of equilibria they span.

Method (Avis, Rosenberg, Savani and von Stengel 2010, "Enumeration of Nash equilibria for
two-player games", *Economic Theory* 42:9-37).  Shift each player's payoffs to be
positive (a positive affine change of payoffs keeps the equilibria) and form the
best-response polytopes of the row player's payoffs ``A`` and the column player's ``B``
(both ``m x n``)::

    P = {x in R^m : x >= 0,  B^T x <= 1}      Q = {y in R^n : A y <= 1,  y >= 0}

Label ``i < m`` means "row ``i`` is unused (``x_i = 0``) or a best response
(``(A y)_i = 1``)", label ``m + j`` the same for column ``j``.  A pair of vertices
``(x, y) != (0, 0)`` whose label sets together hold all ``m + n`` labels is, once each
vector is scaled to sum to one, an *extreme* equilibrium, and every extreme equilibrium
arises so, degenerate games included.  The equilibria of a game are the union of its
*maximal Nash subsets* ``conv(X) x conv(Y)``, where ``X x Y`` ranges over the maximal
bicliques of the bipartite graph whose edges are the extreme equilibria (Winkels 1979;
Audet, Hansen, Jaumard and Savard 2001, "EEE"; Avis et al. 2010): :attr:`cliques`.

Implementation.  The vertices of each polytope are found by reverse search on the
lexicographically perturbed polytope (Avis and Fukuda 1992; as in lrs), in a numba
kernel (``_vertex_kernels``), or exactly in pure Python on an integer tableau with
``exact=True`` (``_vertex_exact``).  A vertex is identified by its label set, a bitmask,
and the completely labelled pairs are found by a hash look-up of each vertex's
complement.

Measured with ``benchmarks/bench_vertex_enumeration.py`` (seeded uniform games, medians
over 5 seeds, a 2-core machine shared with other jobs, so absolute times are inflated):
the enumeration itself (both polytopes, matching, coordinates) took 55 us, 0.29 ms,
1.5 ms, 17 ms and 0.29 s at 6x6, 8x8, 10x10, 12x12 and 15x15, against 0.34 ms, 1.2 ms,
8.1 ms, 58 ms and 2.0 s for QuantEcon's ``vertex_enumeration`` (convex hulls by Qhull);
Gambit's ``enummixed_solve`` needed 13 s at 12x12 (seeds finishing within 30 s).
In float mode the whole search (payoff shift, both polytopes, matching, coordinates) is
one compiled call (``_vertex_kernels._float_search``) and the equilibria are certified
in one batch (one compiled certificate call for all of them), so the result costs a few
microseconds more than the enumeration; certifying each equilibrium in its own Python
call (about 85 us each) once dominated below 10x10.  A first version that kept a hash
set of visited bases instead of reverse search's parent test was 1.5 to 2 times slower,
its look-ups missing the cache.  Vertex counts, hence times, grow about threefold per
added action: two 20x20 games took 19 and 25 s.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .._arrays import readonly
from .._errors import InvalidOptionError, InvalidProfileError, SolverError, UnsupportedGameError
from ..games._normal_form import NormalFormGame
from ._result import Equilibrium, EquilibriumResult
from ._vertex_exact import exact_vertices
from ._vertex_kernels import _complementary_pairs, _float_search

__all__ = ["vertex_enumeration", "VertexEnumerationResult", "Clique"]

#: Pivots between two recomputations of the dictionary from the data (bounds round-off).
_REFACTOR_EVERY = 200


@dataclass(frozen=True)
class Clique:
    """A maximal convex set of equilibria, ``conv(rows) x conv(columns)``.

    Attributes
    ----------
    rows : tuple of int
        Indices into :attr:`VertexEnumerationResult.row_vertices`.
    columns : tuple of int
        Indices into :attr:`VertexEnumerationResult.column_vertices`.

    Every pair ``(row_vertices[i], column_vertices[j])`` with ``i`` in ``rows`` and ``j``
    in ``columns`` is an extreme equilibrium, so every profile ``(x, y)`` with ``x`` a
    convex combination of the row vertices and ``y`` one of the column vertices is an
    equilibrium; no vertex can be added to either side.
    """

    rows: tuple[int, ...]
    columns: tuple[int, ...]

    def to_dict(self) -> dict:
        return {"rows": list(self.rows), "columns": list(self.columns)}


@dataclass(frozen=True)
class VertexEnumerationResult(EquilibriumResult):
    """An :class:`EquilibriumResult` holding every extreme equilibrium, plus the
    structure of the set of all equilibria.

    Attributes
    ----------
    row_vertices, column_vertices : tuple of ndarray
        The distinct strategies of each player that occur in an extreme equilibrium
        (normalised vertices of P and Q), sorted in decreasing lexicographic order.
    row_vertices_exact, column_vertices_exact : tuple of tuple of Fraction or None
        The same in rational arithmetic when ``exact=True``.
    vertex_pairs : tuple of (int, int)
        For each equilibrium, the indices of its row and column vertex.
    cliques : tuple of Clique
        The maximal convex sets of equilibria; the set of all equilibria of the game is
        their union.
    """

    row_vertices: tuple[np.ndarray, ...] = ()
    column_vertices: tuple[np.ndarray, ...] = ()
    row_vertices_exact: tuple | None = None
    column_vertices_exact: tuple | None = None
    vertex_pairs: tuple[tuple[int, int], ...] = ()
    cliques: tuple[Clique, ...] = ()

    def clique_profile(self, k: int, row_weights=None, column_weights=None
                       ) -> tuple[np.ndarray, np.ndarray]:
        """The profile of clique ``k`` mixing its row vertices with ``row_weights`` and
        its column vertices with ``column_weights`` (non-negative, normalised here;
        uniform when omitted): an equilibrium for any weights.

        Raises
        ------
        InvalidProfileError
            Weights of the wrong length, negative, or all zero.
        """
        cl = self.cliques[k]
        X = np.array([self.row_vertices[i] for i in cl.rows])
        Y = np.array([self.column_vertices[j] for j in cl.columns])
        return _mix(X, row_weights, "row_weights"), _mix(Y, column_weights, "column_weights")

    def to_dict(self) -> dict:
        d = super().to_dict()
        d["row_vertices"] = [v.tolist() for v in self.row_vertices]
        d["column_vertices"] = [v.tolist() for v in self.column_vertices]
        if self.row_vertices_exact is not None:
            d["row_vertices_exact"] = [[str(p) for p in v] for v in self.row_vertices_exact]
            d["column_vertices_exact"] = [[str(p) for p in v]
                                          for v in self.column_vertices_exact]
        d["vertex_pairs"] = [list(p) for p in self.vertex_pairs]
        d["cliques"] = [c.to_dict() for c in self.cliques]
        return d


def _mix(V, weights, what):
    if weights is None:
        w = np.full(len(V), 1.0 / len(V))
    else:
        w = np.asarray(weights, dtype=float)
        if w.shape != (len(V),) or not np.all(np.isfinite(w)) or np.any(w < 0) \
                or w.sum() <= 0:
            raise InvalidProfileError(f"{what} must be {len(V)} non-negative numbers, "
                                      "not all zero")
        w = w / w.sum()
    return w @ V


# ---------------------------------------------------------------------------- helpers
def _int_to_words(masks, num_words) -> np.ndarray:
    out = np.zeros((len(masks), num_words), dtype=np.uint64)
    for i, mask in enumerate(masks):
        for k in range(num_words):
            out[i, k] = (mask >> (64 * k)) & 0xFFFFFFFFFFFFFFFF
    return out


def maximal_cliques(pairs) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Maximal bicliques ``(rows, columns)`` of the bipartite graph with edge set
    ``pairs`` (pairs of row and column indices), each side sorted, the list sorted.

    Every maximal biclique has ``columns = N(rows)``, the columns adjacent to all of
    ``rows``, and ``N(rows)`` is an intersection of neighbourhoods ``N(i)``.  The
    nonempty intersections are closed under intersecting with one more ``N(i)``, so they
    are generated from the single neighbourhoods by a search that intersects each new set
    with each ``N(i)``; ``rows`` is then every row adjacent to all the columns.  Cost
    ``O(#cliques * #rows)`` set operations.
    """
    nbr: dict[int, frozenset] = {}
    for i, j in pairs:
        nbr.setdefault(i, set()).add(j)
    nbr = {i: frozenset(s) for i, s in nbr.items()}
    found = set(nbr.values())
    todo = list(found)
    while todo:
        Y = todo.pop()
        for s in nbr.values():
            Z = Y & s
            if Z and Z not in found:
                found.add(Z)
                todo.append(Z)
    out = []
    for Y in found:
        X = tuple(sorted(i for i, s in nbr.items() if Y <= s))
        out.append((X, tuple(sorted(Y))))
    return sorted(out)


def _check_game(game) -> tuple[int, int]:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(
            f"vertex_enumeration needs a NormalFormGame, got {type(game).__name__}")
    if game.num_players != 2:
        raise UnsupportedGameError(
            f"vertex_enumeration handles 2-player games; this game has {game.num_players} "
            "players")
    return game.num_actions


# ---------------------------------------------------------------------------- exact path
def _exact_vertices_of_game(game):
    m, n = game.num_actions
    A, B = game.rational_payoffs()
    A = [[Fraction(x) for x in row] for row in A]
    B = [[Fraction(x) for x in row] for row in B]
    loA = min(min(row) for row in A)
    loB = min(min(row) for row in B)
    MP = [[B[i][j] - loB + 1 for i in range(m)] for j in range(n)]  # B^T, shifted
    MQ = [[A[i][j] - loA + 1 for j in range(n)] for i in range(m)]
    labP = list(range(m + n))
    labQ = [m + j for j in range(n)] + list(range(m))
    LP, XP, nbP = exact_vertices(MP, labP)
    LQ, XQ, nbQ = exact_vertices(MQ, labQ)
    W = (m + n + 63) // 64
    pairs = _complementary_pairs(_int_to_words(LP, W), _int_to_words(LQ, W), m + n)
    rows_ex, cols_ex = {}, {}
    for i, j in pairs:
        i, j = int(i), int(j)
        if i not in rows_ex:
            s = sum(XP[i])
            rows_ex[i] = tuple(v / s for v in XP[i])
        if j not in cols_ex:
            s = sum(XQ[j])
            cols_ex[j] = tuple(v / s for v in XQ[j])
        _check_exact(A, B, rows_ex[i], cols_ex[j])
    rows = {i: np.array([float(v) for v in x]) for i, x in rows_ex.items()}
    cols = {j: np.array([float(v) for v in y]) for j, y in cols_ex.items()}
    return ([(int(i), int(j)) for i, j in pairs], rows, cols, rows_ex, cols_ex,
            nbP + nbQ)


def _check_exact(A, B, x, y):
    """Exact best-response conditions; a failure is a bug, reported as SolverError."""
    m, n = len(A), len(A[0])
    Ay = [sum(A[i][j] * y[j] for j in range(n)) for i in range(m)]
    xB = [sum(x[i] * B[i][j] for i in range(m)) for j in range(n)]
    if any(x[i] > 0 and Ay[i] < max(Ay) for i in range(m)) or \
            any(y[j] > 0 and xB[j] < max(xB) for j in range(n)):
        raise SolverError("vertex_enumeration (exact) produced a profile that is not an "
                          "equilibrium: please report this game")


# ---------------------------------------------------------------------------- public
def vertex_enumeration(game: NormalFormGame, *, exact: bool = False,
                       tol: float = 1e-9) -> VertexEnumerationResult:
    """Every extreme Nash equilibrium of a two-player game, degenerate games included,
    and the maximal convex sets of equilibria (complete enumeration).

    Enumerates the vertices of both best-response polytopes and keeps the completely
    labelled pairs (Avis, Rosenberg, Savani and von Stengel 2010; see the module
    docstring).  In a nondegenerate game the equilibria are finitely many and all are
    returned.  In a degenerate game the equilibria may form continua: every *extreme*
    equilibrium is returned, and :attr:`~VertexEnumerationResult.cliques` gives the
    maximal convex sets ``conv(X) x conv(Y)`` whose union is the set of all equilibria.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool
        Enumerate in rational arithmetic (pure Python, integer pivoting) from
        :meth:`NormalFormGame.rational_payoffs`; every equilibrium then carries its
        strategies as Fractions in ``exact`` and is checked exactly.  Slower: meant for
        small games and for certainty on degenerate ones.
    tol : float
        Float mode only: with payoffs rescaled to ``[1, 2]``, a slack or coordinate
        ``<= tol`` counts as zero (a tight inequality), and ties in ratio tests within
        ``tol`` are broken lexicographically.  Each equilibrium is certified with
        :func:`gametheory.concepts.max_regret` against ``tol`` times the largest absolute
        payoff (at least 1).

    Returns
    -------
    VertexEnumerationResult
        ``scope="all"`` and ``complete=True``: the list holds every extreme equilibrium
        (for nondegenerate games, every equilibrium).  Equilibria are ordered by their row
        strategy, then column strategy, in decreasing lexicographic order.  ``num_iter`` is
        the number of bases visited in the two polytopes.  ``converged`` is False (and
        ``complete`` with it) only if a float equilibrium failed its certificate, which
        points at payoffs too badly scaled for ``tol``; ``exact=True`` is then the remedy.

    Raises
    ------
    UnsupportedGameError
        ``game`` is not a two-player :class:`NormalFormGame`.
    ValueError
        ``tol`` is not a positive finite number.

    Examples
    --------
    All three equilibria of the battle of the sexes:

    >>> from gametheory.games import catalog
    >>> res = vertex_enumeration(catalog.get("battle-of-the-sexes"))
    >>> for e in res:
    ...     print([s.round(4).tolist() for s in e.strategies])
    [[1.0, 0.0], [1.0, 0.0]]
    [[0.6667, 0.3333], [0.3333, 0.6667]]
    [[0.0, 1.0], [0.0, 1.0]]
    >>> res.complete, res.scope
    (True, 'all')

    A degenerate game: against the top row the column player is indifferent, so the top
    row with any column mix ``(q, 1 - q)``, ``2/3 <= q <= 1``, is an equilibrium.  The
    two ends of that segment are extreme equilibria and one clique holds them:

    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.from_arrays([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> res = vertex_enumeration(g, exact=True)
    >>> for e in res:
    ...     print([[str(p) for p in s] for s in e.exact])
    [['1', '0', '0'], ['1', '0']]
    [['1', '0', '0'], ['2/3', '1/3']]
    [['0', '1/3', '2/3'], ['1/3', '2/3']]
    >>> [(c.rows, c.columns) for c in res.cliques]
    [((0,), (0, 1)), ((1,), (2,))]

    Any point of a clique is an equilibrium, e.g. the middle of the segment:

    >>> from gametheory.concepts import max_regret
    >>> x, y = res.clique_profile(0)
    >>> y.round(4).tolist(), max_regret(g, (x, y)) < 1e-12
    ([0.8333, 0.1667], True)
    """
    start = time.perf_counter()
    m, n = _check_game(game)
    try:
        tol = float(tol)
    except (TypeError, ValueError):
        raise InvalidOptionError(f"tol must be a positive number, got {tol!r}") from None
    if not (math.isfinite(tol) and tol > 0):
        raise InvalidOptionError(f"tol must be a positive finite number, got {tol!r}")
    if not exact:
        return _float_result(game, tol, start)
    pairs, rows, cols, rows_ex, cols_ex, nbases = _exact_vertices_of_game(game)

    # order the vertices (decreasing lexicographic) and renumber
    def order(points, exact_points):
        if exact_points is not None:
            keys = sorted(points, key=lambda k: tuple(-v for v in exact_points[k]))
        else:
            # rounded, so round-off does not decide between equal coordinates
            keys = sorted(points, key=lambda k: tuple(-np.round(points[k], 9)))
        return {k: t for t, k in enumerate(keys)}, keys

    rmap, rkeys = order(rows, rows_ex)
    cmap, ckeys = order(cols, cols_ex)
    new_pairs = sorted((rmap[i], cmap[j]) for i, j in pairs)
    row_vertices = tuple(readonly(rows[k]) for k in rkeys)
    col_vertices = tuple(readonly(cols[k]) for k in ckeys)
    row_exact = tuple(rows_ex[k] for k in rkeys) if rows_ex is not None else None
    col_exact = tuple(cols_ex[k] for k in ckeys) if cols_ex is not None else None

    bound = tol * max(1.0, float(np.abs(game.payoff_array).max()))
    eqs = []
    converged = True
    for i, j in new_pairs:
        ex = (row_exact[i], col_exact[j]) if row_exact is not None else None
        e = Equilibrium.certify(game, (row_vertices[i], col_vertices[j]), exact=ex)
        if not exact and e.max_regret > bound:
            converged = False
        eqs.append(e)
    cliques = tuple(Clique(X, Y) for X, Y in maximal_cliques(new_pairs))
    mr = max((e.max_regret for e in eqs), default=0.0)
    return VertexEnumerationResult(
        method="vertex_enumeration", equilibria=tuple(eqs), complete=converged,
        scope="all", converged=converged, num_iter=nbases, max_regret=mr,
        params={"exact": bool(exact), "tol": tol}, elapsed=time.perf_counter() - start,
        row_vertices=row_vertices, column_vertices=col_vertices,
        row_vertices_exact=row_exact, column_vertices_exact=col_exact,
        vertex_pairs=tuple(new_pairs), cliques=cliques)


def _float_result(game, tol, start) -> VertexEnumerationResult:
    """:func:`vertex_enumeration` in float mode: one compiled search, the vertices ordered
    (decreasing lexicographic, on coordinates rounded to 9 digits so round-off does not
    decide between equal ones; ties by enumeration order), the equilibria certified in
    one batch."""
    A, B = game.payoffs
    pi, qi, XP, XQ, nbases = _float_search(A, B, tol, _REFACTOR_EVERY)
    rord = np.lexsort(-np.round(XP, 9)[:, ::-1].T)
    cord = np.lexsort(-np.round(XQ, 9)[:, ::-1].T)
    rank_r = np.empty(len(rord), dtype=np.int64)
    rank_r[rord] = np.arange(len(rord))
    rank_c = np.empty(len(cord), dtype=np.int64)
    rank_c[cord] = np.arange(len(cord))
    P = rank_r[pi]
    Q = rank_c[qi]
    by = np.lexsort((Q, P))
    P = P[by]
    Q = Q[by]
    RV = XP[rord]
    CV = XQ[cord]
    RV.setflags(write=False)
    CV.setflags(write=False)
    eqs = Equilibrium._certify_rows(game, RV[P], CV[Q], copy=False)
    bound = tol * max(1.0, game._max_abs_payoff())
    mr = max((e.max_regret for e in eqs), default=0.0)
    converged = not mr > bound
    new_pairs = list(zip(P.tolist(), Q.tolist()))
    if len(set(P.tolist())) == len(P) and len(set(Q.tolist())) == len(Q):
        # a matching: every equilibrium is a maximal clique of its own
        cliques = tuple(Clique((i,), (j,)) for i, j in new_pairs)
    else:
        cliques = tuple(Clique(X, Y) for X, Y in maximal_cliques(new_pairs))
    return VertexEnumerationResult(
        method="vertex_enumeration", equilibria=tuple(eqs), complete=converged,
        scope="all", converged=converged, num_iter=int(nbases), max_regret=mr,
        params={"exact": False, "tol": tol}, elapsed=time.perf_counter() - start,
        row_vertices=tuple(RV), column_vertices=tuple(CV), row_vertices_exact=None,
        column_vertices_exact=None, vertex_pairs=tuple(new_pairs), cliques=cliques)
