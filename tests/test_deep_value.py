"""Value-based deep learners (IDQN, VDN, QMIX, central DQN): mixer properties, TD targets,
smoke runs per learner, and slow convergence runs on the two-step game of Rashid et al.
(2018), whose answers are known: greedy return 8 for QMIX, 7 for VDN."""

import itertools

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from hypothesis import given, settings, strategies as st  # noqa: E402

from gametheory import InvalidOptionError, UnknownNameError, UnsupportedGameError  # noqa: E402
from gametheory.deep import (  # noqa: E402
    ALGORITHMS, IDQN, QMIX, VDN, CentralDQN, CentralDQNConfig, EnvSpec, EpisodeBuffer, QMixer,
    QMIXConfig, VDNConfig, VDNMixer, config_fields, make_config, nstep_targets, train)
from gametheory.games import catalog  # noqa: E402

FF = {"recurrent": False}
SPEC = EnvSpec(n_agents=2, obs_dim=4, n_actions=3, state_dim=5, common_reward=True)


# ---------------------------------------------------------------------------- mixers
def _random_qmixer(seed, n, state_dim, layers, scale):
    torch.manual_seed(seed)
    mixer = QMixer(n, state_dim, embed_dim=8, hypernet_hidden=16, hypernet_layers=layers)
    with torch.no_grad():                 # weights far from the initialisation, any sign
        for p in mixer.parameters():
            p.normal_(0.0, scale)
    return mixer


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 4), state_dim=st.integers(1, 6),
       layers=st.sampled_from([1, 2]), scale=st.floats(0.1, 3.0))
def test_qmix_is_monotone_in_every_agent_utility(seed, n, state_dim, layers, scale):
    """dQ_tot / dQ_i >= 0 for random mixer weights, states and utilities (Rashid et al.
    2018, eq. 5)."""
    mixer = _random_qmixer(seed, n, state_dim, layers, scale)
    g = torch.Generator().manual_seed(seed)
    qs = (torch.randn(64, n, generator=g) * 5).requires_grad_(True)
    states = torch.randn(64, state_dim, generator=g) * 3
    mixer(qs, states).sum().backward()
    assert qs.grad.shape == (64, n)
    assert (qs.grad >= 0).all()
    assert (qs.grad > 0).any()            # not trivially flat


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 3), m=st.integers(2, 4),
       layers=st.sampled_from([1, 2]))
def test_qmix_and_vdn_greedy_agents_give_the_joint_argmax(seed, n, m, layers):
    """IGM: each agent's argmax of its own utility attains max_a Q_tot(a, s), checked by
    enumerating every joint action."""
    rng = np.random.default_rng(seed)
    utilities = torch.as_tensor(rng.normal(size=(n, m)) * 4, dtype=torch.float64)
    state = torch.as_tensor(rng.normal(size=(1, 3)), dtype=torch.float64)
    joints = list(itertools.product(range(m), repeat=n))
    q_joint = torch.stack([utilities[torch.arange(n), torch.tensor(a)] for a in joints])
    greedy = utilities.argmax(1)
    for mixer in (_random_qmixer(seed, n, 3, layers, 1.5).double(), VDNMixer()):
        with torch.no_grad():
            q_tot = mixer(q_joint, state.expand(len(joints), 3)).squeeze(-1)
            q_greedy = mixer(utilities[torch.arange(n), greedy].unsqueeze(0), state)
        assert float(q_greedy) == pytest.approx(float(q_tot.max()), rel=1e-12, abs=1e-12)


def test_vdn_mixer_is_the_sum():
    qs = torch.tensor([[1.0, 2.0, -4.0], [0.5, 0.5, 0.5]])
    assert VDNMixer()(qs, None).flatten().tolist() == [-1.0, 1.5]


def test_qmixer_without_absolute_weights_would_fail_the_monotonicity_check():
    """The property test can fail: a mixer whose first-layer weights are negative has
    negative gradients (sanity check of the check)."""
    mixer = _random_qmixer(0, 2, 3, 1, 1.0)
    with torch.no_grad():
        qs = torch.randn(32, 2, requires_grad=False)
    qs.requires_grad_(True)
    s = torch.randn(32, 3)
    w1 = -torch.abs(mixer.w1(s)).view(-1, 2, mixer.embed_dim)     # the sign QMIX forbids
    hidden = torch.nn.functional.elu(torch.bmm(qs.unsqueeze(1), w1) + mixer.b1(s).unsqueeze(1))
    out = torch.bmm(hidden, torch.abs(mixer.w2(s)).view(-1, mixer.embed_dim, 1))
    out.sum().backward()
    assert (qs.grad < 0).any()


# ---------------------------------------------------------------------------- n-step targets
def _brute_targets(r, v, L, term, gamma, n):
    B, T, H = r.shape
    out = np.zeros((B, T, H))
    for b, t, h in itertools.product(range(B), range(T), range(H)):
        if t >= L[b, h]:
            continue
        k_end = min(t + n, L[b, h])
        g = sum(gamma ** (k - t) * r[b, k, h] for k in range(t, k_end))
        if not (k_end == L[b, h] and term[b, h]):
            g += gamma ** (k_end - t) * v[b, k_end, h]
        out[b, t, h] = g
    return out


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_nstep_targets_match_the_definition(n):
    rng = np.random.default_rng(n)
    B, T, H, gamma = 6, 7, 2, 0.9
    L = rng.integers(1, T + 1, size=(B, H))
    term = rng.random((B, H)) < 0.5
    r = rng.normal(size=(B, T, H)) * (np.arange(T)[None, :, None] < L[:, None, :])
    v = rng.normal(size=(B, T + 1, H))
    got, mask = nstep_targets(torch.tensor(r, dtype=torch.float64),
                              torch.tensor(v, dtype=torch.float64), torch.tensor(L),
                              torch.tensor(term), gamma, n)
    want = _brute_targets(r, v, L, term, gamma, n)
    assert np.allclose(got.numpy() * mask.numpy(), want)
    assert mask.sum() == L.sum()


# ---------------------------------------------------------------------------- learners
def test_registry_holds_the_value_based_learners():
    assert {"idqn", "vdn", "qmix", "central_dqn"} <= set(ALGORITHMS)
    for name, (cfg, cls) in ALGORITHMS.items():
        assert cls.algorithm == name and cls.Config is cfg


@pytest.mark.parametrize("name", sorted(ALGORITHMS))
def test_every_config_field_has_a_docstring(name):
    fields = config_fields(ALGORITHMS[name][0])
    missing = [f for f, info in fields.items() if len(info.doc) < 10]
    assert not missing


def test_config_errors_are_clear():
    with pytest.raises(InvalidOptionError, match="no field 'lrr'.*did you mean 'lr'"):
        make_config(QMIXConfig, {"lrr": 0.1})
    with pytest.raises(InvalidOptionError, match="no field 'mixing_embed_dim'"):
        make_config(VDNConfig, {"mixing_embed_dim": 8})      # a QMIX-only field
    with pytest.raises(InvalidOptionError, match="gamma"):
        QMIXConfig(gamma=1.5)
    with pytest.raises(InvalidOptionError, match="recurrent.*bool"):
        make_config(VDNConfig, {"recurrent": "yes"})
    assert make_config(VDNConfig, {"batch_size": 1e2}).batch_size == 100


def test_idqn_defaults_are_independent_networks_and_buffers():
    learner = IDQN(SPEC, rng=0)
    assert learner.mixer is None and not learner.net.shared and len(learner.net.nets) == 2
    assert learner.config.independent_buffers
    with pytest.raises(InvalidOptionError, match="independent_buffers"):
        VDN(SPEC, VDNConfig(independent_buffers=True))


def test_shared_parameters_feed_the_agent_id():
    learner = QMIX(SPEC, QMIXConfig(recurrent=False), rng=0)
    assert learner.net.shared and len(learner.net.nets) == 1
    obs = np.zeros((2, 4), np.float32)       # identical observations ...
    q = learner.q_values(obs)[0]
    assert not np.allclose(q[0], q[1])       # ... different values: the one-hot id differs
    assert learner.net.nets[0].body[0].in_features == 4 + 2


@pytest.mark.parametrize("shared", [True, False])
def test_gru_unroll_equals_the_step_by_step_forward(shared):
    """The replay path (nn.GRU over whole episodes) and the acting path (one GRU step at a
    time) are the same function of the observation history."""
    from gametheory.deep import AgentNetworks
    torch.manual_seed(3)
    net = AgentNetworks(3, 5, 4, 16, recurrent=True, shared=shared)
    x = torch.randn(6, 9, 3, 5)
    h, steps = net.initial_hidden(6), []
    for t in range(9):
        q, h = net(x[:, t], h)
        steps.append(q)
    stepwise = torch.stack(steps, 1)
    assert stepwise.abs().max() > 0.01
    assert torch.allclose(net.unroll(x), stepwise, atol=1e-6)


def test_actions_respect_the_masks():
    for cls, cfg in ((QMIX, QMIXConfig(eps_start=1.0, eps_finish=1.0)),
                     (CentralDQN, CentralDQNConfig(eps_start=1.0, eps_finish=1.0))):
        learner = cls(SPEC, cfg, rng=3)
        avail = np.array([[0, 1, 1], [1, 0, 0]])
        seen = set()
        for explore in (True, False):
            learner.reset()
            for _ in range(200 if explore else 5):
                a = learner.act(np.ones((2, 4)), explore=explore, avail=avail)
                assert avail[0, a[0]] and avail[1, a[1]]
                seen.add(int(a[0]))
        assert seen == {1, 2}                # the random choices cover the available ones


def test_central_dqn_joint_actions_round_trip():
    learner = CentralDQN(EnvSpec(3, 2, 3, 6, True), rng=0)
    joint = list(itertools.product(range(3), repeat=3))
    a = torch.tensor(joint)
    idx = learner._controller_actions(a)
    assert sorted(idx.flatten().tolist()) == list(range(27))
    assert learner._env_actions(idx).tolist() == [list(j) for j in joint]
    masks = torch.tensor([[[1, 0, 1], [1, 1, 0], [0, 0, 1]]], dtype=torch.int8)
    jm = learner._controller_avail(masks)[0, 0]
    want = [int(masks[0, 0, x] * masks[0, 1, y] * masks[0, 2, z]) for x, y, z in joint]
    assert jm.tolist() == want
    with pytest.raises(UnsupportedGameError, match="joint action space"):
        CentralDQN(EnvSpec(6, 2, 5, 12, True), rng=0)


def test_independent_buffers_sample_each_agent_separately():
    buf = EpisodeBuffer(50, 2, 1, 2, 2)
    for k in range(50):
        buf.add(obs=np.full((2, 2, 1), k), state=np.zeros((2, 2)), actions=np.zeros((1, 2)),
                rewards=np.full((1, 2), k), avail=np.ones((2, 2, 2)), terminated=True)
    rng = np.random.default_rng(0)
    same = buf.sample(64, rng)
    assert (same["rewards"][:, 0, 0] == same["rewards"][:, 0, 1]).all()
    ind = buf.sample(64, rng, independent_agents=True)
    assert (ind["rewards"][:, 0, 0] != ind["rewards"][:, 0, 1]).any()
    assert (ind["obs"][:, 0, :, 0] == ind["rewards"][:, 0, :]).all()   # columns stay whole


def test_episode_buffer_ring_growth_and_state_round_trip():
    buf = EpisodeBuffer(40, 2, 1, 1, 2)
    rng = np.random.default_rng(0)
    for k in range(100):                      # lengths 1..7: the time axis grows
        L = 1 + k % 7
        buf.add(obs=np.full((L + 1, 2, 1), k), state=np.zeros((L + 1, 1)),
                actions=np.zeros((L, 2)), rewards=np.full((L, 2), k),
                avail=np.ones((L + 1, 2, 2)), terminated=k % 2 == 0)
    assert len(buf) == 40 and buf.max_len >= 7
    assert sorted(buf.rewards[:40, 0, 0].astype(int)) == list(range(60, 100))  # newest 40
    batch = buf.sample(16, rng)
    for b in range(16):
        k = int(batch["rewards"][b, 0, 0])
        L = 1 + k % 7
        assert batch["length"][b, 0] == L and batch["terminated"][b, 0] == (k % 2 == 0)
        assert (batch["rewards"][b, :L] == k).all() and (batch["rewards"][b, L:] == 0).all()
        assert (batch["avail"][b, :L + 1] == 1).all() and (batch["avail"][b, L + 1:] == 0).all()
    copy = EpisodeBuffer(40, 2, 1, 1, 2)
    copy.load_state_dict(buf.state_dict())
    a, b = buf.sample(8, np.random.default_rng(1)), copy.sample(8, np.random.default_rng(1))
    assert all(np.array_equal(a[k], b[k]) for k in a)
    with pytest.raises(InvalidOptionError, match="at least one step"):
        buf.add(obs=np.zeros((1, 2, 1)), state=np.zeros((1, 1)), actions=np.zeros((0, 2)),
                rewards=np.zeros((0, 2)), avail=np.ones((1, 2, 2)), terminated=True)


def test_learner_state_dict_round_trip_and_algorithm_check():
    a = QMIX(SPEC, QMIXConfig(recurrent=True), rng=1)
    b = QMIX(SPEC, QMIXConfig(recurrent=True), rng=2)
    b.load_state_dict(a.state_dict())
    obs = np.random.default_rng(0).random((2, 4))
    assert np.array_equal(a.q_values(obs), b.q_values(obs))
    with pytest.raises(InvalidOptionError, match="algorithm 'qmix', not 'vdn'"):
        VDN(SPEC, VDNConfig(recurrent=True)).load_state_dict(a.state_dict())
    with pytest.raises(InvalidOptionError, match="sizes"):
        QMIX(EnvSpec(2, 5, 3, 5, True), QMIXConfig(recurrent=True)).load_state_dict(
            a.state_dict())


SMOKE = [
    pytest.param("idqn", {}, id="idqn-gru-separate"),
    pytest.param("idqn", {"share_parameters": True, "independent_buffers": False,
                          "recurrent": False, "double_q": False}, id="idqn-ff-shared"),
    pytest.param("vdn", {"n_step": 3}, id="vdn-gru-nstep"),
    pytest.param("vdn", {"recurrent": False, "share_parameters": False}, id="vdn-ff-separate"),
    pytest.param("qmix", {}, id="qmix-gru"),
    pytest.param("qmix", {"recurrent": False, "hypernet_layers": 1, "n_step": 2},
                 id="qmix-ff-nstep"),
    pytest.param("central_dqn", {}, id="central-ff"),
    pytest.param("central_dqn", {"recurrent": True}, id="central-gru"),
]


@pytest.mark.parametrize("name, overrides", SMOKE)
def test_smoke_tiny_budget(name, overrides):
    cfg = {"batch_size": 4, "eval_interval": 40, "eval_episodes": 2, "log_interval": 20,
           "target_update_interval": 5, **overrides}
    res = train(name, "sg:two-step", steps=80, seed=0, config=cfg)
    assert res.steps == 80 and res.episodes == 40          # two steps per episode
    assert res.updates == 40 - 4 + 1                       # one per episode once 4 stored
    assert res.eval_steps == (40, 80)
    assert all(r in (0.0, 1.0, 7.0, 8.0) for r in res.episode_returns)   # payoffs of the game
    assert all(np.isfinite(res.eval_returns))


def test_smoke_on_a_matrix_game_with_time_limit():
    """Truncated episodes (bootstrapped) on a repeated matrix game: the climbing game
    (Claus and Boutilier 1998) for 5 steps per episode."""
    from gametheory.envs import make_env
    res = train("qmix", lambda: make_env("matrix:climbing", episode_length=5), steps=100,
                seed=0, config={"batch_size": 4, "eval_interval": 50, "eval_episodes": 1})
    assert res.steps == 100 and res.episodes == 20
    values = catalog.get("climbing").payoff_array[0]
    assert min(res.episode_returns) >= 5 * values.min()
    assert max(res.episode_returns) <= 5 * values.max()


def test_unknown_algorithm_and_environment():
    with pytest.raises(UnknownNameError, match="unknown algorithm 'qmixx'.*did you mean 'qmix'"):
        train("qmixx", "sg:two-step", steps=10)
    with pytest.raises(UnknownNameError, match="unknown environment spec"):
        train("qmix", "nosuch:env", steps=10)
    with pytest.raises(InvalidOptionError, match="takes a QMIXConfig"):
        train("qmix", "sg:two-step", steps=10, config=VDNConfig())


# ---------------------------------------------------------------------------- convergence
# The two-step game (Rashid et al. 2018, Sec. 6.1 and Table 2): trained with uniform
# exploration (epsilon = 1), VDN's greedy policy takes the safe branch 2A and earns 7,
# QMIX's reaches (B, B) in 2B and earns 8.  IDQN under a uniformly exploring partner values
# 2B at (1 + 8) / 2 = 4.5 < 7, so it earns 7 too; a central DQN on the joint action is exact
# and earns the optimum 8.
UNIFORM = {"recurrent": False, "eps_start": 1.0, "eps_finish": 1.0, "eval_interval": 1000,
           "eval_episodes": 1, "log_interval": 1000}


def _optimum_two_step():
    """Best joint return by enumerating deterministic joint policies of the game."""
    g = catalog.get("two-step")
    best = -np.inf
    for a1 in itertools.product(range(2), repeat=2):
        s = int(np.argmax(g.transition_distribution("1", a1)))
        for a2 in itertools.product(range(2), repeat=2):
            best = max(best, g.reward("1", a1)[0] + g.reward(s, a2)[0])
    return best


@pytest.mark.slow
@pytest.mark.parametrize("name, expected", [("qmix", 8.0), ("vdn", 7.0), ("idqn", 7.0),
                                            ("central_dqn", 8.0)])
def test_two_step_game_greedy_returns(name, expected):
    assert _optimum_two_step() == 8.0
    res = train(name, "sg:two-step", steps=6000, seed=0, config=UNIFORM)
    assert res.eval_returns[-1] == expected
    assert res.eval_returns[-2] == expected                 # settled, not a last-step fluke


@pytest.mark.slow
def test_two_step_game_qmix_with_gru_agents():
    res = train("qmix", "sg:two-step", steps=6000, seed=1,
                config={**UNIFORM, "recurrent": True})
    assert res.eval_returns[-1] == 8.0
