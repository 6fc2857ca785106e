"""Speed of the stochastic-game solvers and tabular learners (median of 5 after warm-up)."""
import time
import numpy as np
from gametheory import NormalFormGame
from gametheory.games import StochasticGame, catalog
from gametheory.learning import make_learners, run_episodes
from gametheory.solvers import shapley_value_iteration, minimax
from gametheory.solvers._stochastic_solvers import (_shapley_sweeps, _padded_zero_sum,
    _live_mask, _stop_threshold, _GAP_TOL, _shapley_python, _matrix_game)

def med(f, k=5):
    f(); ts = []
    for _ in range(k):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return float(np.median(ts))

rng = np.random.default_rng(0)
S = 10
R, T = [], []
for s in range(S):
    A = rng.uniform(-1, 1, (5, 5)); R.append([A, -A])
    T.append(rng.dirichlet(np.ones(S), size=(5, 5)))
g = StochasticGame(R, T, discount=0.9)
sol = shapley_value_iteration(g)
print(f"Shapley 10 states 5x5, discount 0.9: {sol.num_iter} sweeps, exploitability {sol.exploitability:.1e}")
print(f"  shapley_value_iteration (incl. exploitability certificate): {med(lambda: shapley_value_iteration(g))*1e3:.2f} ms")
Rp, Pp, m1, m2 = _padded_zero_sum(g); live = _live_mask(g); thr = _stop_threshold(g, 1e-10)
def sweeps():
    V = np.zeros(S); X = np.zeros((S, 5)); Y = np.zeros((S, 5))
    _shapley_sweeps(Rp, Pp, m1, m2, live, 0.9, thr, _GAP_TOL, 100000, V, X, Y)
print(f"  compiled sweeps alone: {med(sweeps)*1e3:.2f} ms")
print(f"  same iteration with minimax() per stage game: {med(lambda: _shapley_python(g, thr, 100000), 3):.2f} s")
G = np.ascontiguousarray(R[0][0]); x = np.empty(5); y = np.empty(5); sc = np.empty((5, 5))
n = 20000
t = med(lambda: [_matrix_game(G, x, y, sc) for _ in range(n)]) / n
t2 = med(lambda: [minimax(NormalFormGame.zero_sum(G)) for _ in range(200)]) / 200
print(f"  one 5x5 stage LP: compiled tableau {t*1e6:.1f} us, minimax() {t2*1e6:.0f} us")

cl = StochasticGame.repeated(catalog.get("climbing"), discount=0.9)
N = 50_000
def iql():
    ag = make_learners("independent_q", cl, rng=0); run_episodes(cl, ag, 1, max_steps=N, rng=0)
print(f"independent Q, 2 agents, repeated climbing game: {N/med(iql):,.0f} steps/s")
RA = np.array([[1.0, 0.0], [0.0, 1.0]]); RB = np.array([[2.0, -1.0], [-1.0, 1.0]])
TA = np.zeros((2, 2, 2)); TA[0, 0, 0] = TA[1, 1, 0] = TA[0, 1, 1] = TA[1, 0, 1] = 1.0
TB = np.zeros((2, 2, 2)); TB[..., 1] = 1.0
ab = StochasticGame([[RA, -RA], [RB, -RB]], [TA, TB], discount=0.9)
def mmq():
    ag = make_learners("minimax_q", ab, epsilon=1.0, rng=0); run_episodes(ab, ag, 1000, max_steps=50, rng=0)
print(f"minimax-Q, 2 agents, 2-state 2x2 zero-sum game (mixed stage LPs): {N/med(mmq):,.0f} steps/s")
for name, steps in (("wolf_phc", 50_000), ("jal_am", 20_000), ("nash_q", 2_000), ("ce_q", 300)):
    def f():
        ag = make_learners(name, ab if name != "ce_q" else ab, rng=0); run_episodes(ab, ag, 1, max_steps=steps, rng=0)
    print(f"{name}, 2 agents, same game: {steps/med(f, 3):,.0f} steps/s")
