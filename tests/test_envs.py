"""Multi-agent environments (gametheory.envs): PettingZoo compliance, exact rewards of
literature games, seeding, vectorisation and the spec registry."""

import itertools
import subprocess
import sys
import warnings

import numpy as np
import pytest

pytest.importorskip("pettingzoo")
pytest.importorskip("gymnasium")

from pettingzoo.test import parallel_api_test, parallel_seed_test  # noqa: E402

from gametheory import (InvalidOptionError, InvalidProfileError,  # noqa: E402
                        UnknownNameError, UnsupportedGameError)
from gametheory.envs import (ForagingEnv, MatrixGameEnv, MultiAgentEnv,  # noqa: E402
                             StochasticGameEnv, VectorEnv, WarehouseEnv, foraging_tasks,
                             make_env, make_vector_env, warehouse_tasks)
from gametheory.games import POSG, NormalFormGame, StochasticGame, catalog  # noqa: E402
from gametheory.games.io import write_game  # noqa: E402

ATTRS = ("possible_agents", "n_agents", "obs_dim", "n_actions", "state_dim",
         "common_reward", "max_steps")

# Claus and Boutilier (1998), "The dynamics of reinforcement learning in cooperative
# multiagent systems", AAAI: the climbing game's common payoffs (rows: agent 0).
CLIMBING = [[11, -30, 0], [-30, 7, 6], [0, 0, 5]]
# Rashid et al. (2018), "QMIX", ICML, Figure 3(a): state 2A pays 7 for every joint action,
# state 2B pays [[0, 1], [1, 8]]; agent 1's first action picks the state.
TWO_STEP_2B = [[0, 1], [1, 8]]


def _random_sg(seed=0) -> StochasticGame:
    """3 states (one terminal), random transitions, state-dependent action counts:
    state 0 has 2 x 3 actions, state 1 has 3 x 1."""
    rng = np.random.default_rng(seed)
    R0 = rng.integers(-3, 4, size=(2, 2, 3)).astype(float)
    R1 = rng.integers(-3, 4, size=(2, 3, 1)).astype(float)
    T0 = rng.dirichlet(np.ones(3), size=(2, 3))
    T1 = rng.dirichlet(np.ones(3), size=(3, 1))
    return StochasticGame([R0, R1, None], [T0, T1, None], discount=0.9, terminal=[2])


def _random_posg(seed=0) -> POSG:
    g = _random_sg(seed)
    obs0 = [[0.7, 0.3], [0.2, 0.8], [0.5, 0.5]]      # agent 0: 2 noisy observations
    obs1 = [[1.0, 0.0, 0.0], [0.0, 0.6, 0.4], [0.0, 0.0, 1.0]]
    return POSG(list(g.rewards), list(g.transitions), [obs0, obs1], discount=0.9,
                terminal=[2])


ENV_FACTORIES = {
    "matrix-climbing": lambda: MatrixGameEnv(catalog.get("climbing"), episode_length=10),
    "matrix-2x3-constant": lambda: MatrixGameEnv(
        NormalFormGame.from_arrays([[1, 2, 3], [4, 5, 6]], [[0, 1, 0], [1, 0, 1]]),
        episode_length=7, observation="constant", include_step=True),
    "sg-two-step": lambda: StochasticGameEnv(catalog.get("two-step")),
    "sg-random": lambda: StochasticGameEnv(_random_sg(), max_steps=20, include_step=True),
    "posg-random": lambda: StochasticGameEnv(_random_posg(), max_steps=20),
    "lbf": lambda: ForagingEnv("Foraging-8x8-2p-2f-coop-v3", max_steps=25),
    "rware": lambda: WarehouseEnv("rware-tiny-2ag-v2", max_steps=25),
}


# ---------------------------------------------------------------------- PettingZoo API
@pytest.mark.parametrize("name", list(ENV_FACTORIES))
def test_pettingzoo_parallel_api_and_seed_tests(name):
    make = ENV_FACTORIES[name]
    env = make()
    assert isinstance(env, MultiAgentEnv)
    with warnings.catch_warnings():
        warnings.simplefilter("error")         # PettingZoo reports API problems as warnings
        parallel_api_test(env, num_cycles=60)
        parallel_seed_test(make, num_cycles=60)


@pytest.mark.parametrize("name", list(ENV_FACTORIES))
def test_contract_shapes_spaces_and_masks(name):
    env = ENV_FACTORIES[name]()
    assert env.possible_agents == [f"agent_{i}" for i in range(env.n_agents)]
    obs, infos = env.reset(seed=3)
    for a in env.possible_agents:
        assert obs[a].dtype == np.float32 and obs[a].shape == (env.obs_dim,)
        assert env.observation_space(a).shape == (env.obs_dim,)
        assert env.observation_space(a).contains(obs[a])
        assert env.action_space(a).n == env.n_actions
        mask = infos[a]["action_mask"]
        assert mask.dtype == np.int8 and mask.shape == (env.n_actions,) and mask.any()
        np.testing.assert_array_equal(mask, env.action_mask(a))
    assert env.action_masks().shape == (env.n_agents, env.n_actions)
    s = env.state()
    assert s.dtype == np.float32 and s.shape == (env.state_dim,)
    rng = np.random.default_rng(0)
    steps = 0
    while env.agents:
        acts = {a: int(rng.choice(np.flatnonzero(env.action_mask(a))))
                for a in env.agents}
        obs, rew, term, trunc, infos = env.step(acts)
        steps += 1
        assert set(rew) == set(env.possible_agents)
        assert len(set(term.values())) == 1 and len(set(trunc.values())) == 1  # all at once
        if env.common_reward:
            assert len(set(rew.values())) == 1
        assert env.state().shape == (env.state_dim,)
        assert steps <= (env.max_steps or 1000)
    assert term["agent_0"] or trunc["agent_0"]


# ---------------------------------------------------------------------- matrix games
@pytest.mark.parametrize("a0,a1", list(itertools.product(range(3), repeat=2)))
def test_climbing_game_rewards_are_exact(a0, a1):
    env = make_env("matrix:climbing", episode_length=3)
    assert env.common_reward and env.max_steps == 3
    env.reset(seed=0)
    obs, rew, term, trunc, _ = env.step({"agent_0": a0, "agent_1": a1})
    assert rew == {"agent_0": CLIMBING[a0][a1], "agent_1": CLIMBING[a0][a1]}
    expected = np.zeros(6, dtype=np.float32)
    expected[a0] = expected[3 + a1] = 1.0      # one-hot of each player's last action
    np.testing.assert_array_equal(obs["agent_0"], expected)
    np.testing.assert_array_equal(env.state(), expected)
    assert not any(term.values()) and not any(trunc.values())


def test_matrix_episode_truncates_and_general_sum_rewards():
    # prisoner's dilemma (T=5, R=3, P=1, S=0): (C, D) pays 0 to the cooperator, 5 to the
    # defector; the game is not common-reward
    env = make_env("matrix:prisoners-dilemma", episode_length=2, include_step=True)
    assert not env.common_reward and env.obs_dim == 5
    obs, _ = env.reset()
    assert obs["agent_1"][-1] == 0.0
    obs, rew, term, trunc, _ = env.step({"agent_0": 0, "agent_1": 1})
    assert rew == {"agent_0": 0.0, "agent_1": 5.0} and obs["agent_0"][-1] == 0.5
    assert not trunc["agent_0"]
    obs, rew, term, trunc, _ = env.step({"agent_0": 1, "agent_1": 1})
    assert rew == {"agent_0": 1.0, "agent_1": 1.0}
    assert trunc == {"agent_0": True, "agent_1": True} and not any(term.values())
    assert env.agents == [] and obs["agent_0"][-1] == 1.0
    with pytest.raises(RuntimeError, match="reset"):
        env.step({"agent_0": 0, "agent_1": 0})


def test_unequal_action_counts_masks_modulo_and_raise():
    g = NormalFormGame.from_arrays([[1, 2, 3], [4, 5, 6]], [[0, 1, 0], [1, 0, 1]])
    env = MatrixGameEnv(g, episode_length=5)
    assert env.n_actions == 3 and env.obs_dim == 5
    _, infos = env.reset()
    assert infos["agent_0"]["action_mask"].tolist() == [1, 1, 0]
    assert infos["agent_1"]["action_mask"].tolist() == [1, 1, 1]
    _, rew, *_ = env.step({"agent_0": 2, "agent_1": 2})     # 2 mod 2 = row 0
    assert rew == {"agent_0": 3.0, "agent_1": 0.0}
    strict = MatrixGameEnv(g, episode_length=5, invalid_action="raise")
    strict.reset()
    with pytest.raises(InvalidProfileError, match="not available"):
        strict.step({"agent_0": 2, "agent_1": 0})


def test_step_validation_errors():
    env = make_env("matrix:climbing")
    with pytest.raises(RuntimeError, match="reset"):
        env.step({"agent_0": 0, "agent_1": 0})
    with pytest.raises(RuntimeError, match="reset"):
        env.state()
    env.reset()
    with pytest.raises(InvalidProfileError, match="no action"):
        env.step({"agent_0": 0})
    with pytest.raises(InvalidProfileError, match="unknown agents"):
        env.step({"agent_0": 0, "agent_1": 0, "agent_7": 0})
    with pytest.raises(InvalidProfileError, match="out of range"):
        env.step({"agent_0": 3, "agent_1": 0})
    with pytest.raises(InvalidProfileError, match="must be an int"):
        env.step({"agent_0": 0.5, "agent_1": 0})
    with pytest.raises(UnknownNameError, match="agent_0"):
        env.observation_space("nobody")
    # numpy integers and 0-d arrays are accepted
    _, rew, *_ = env.step({"agent_0": np.int64(1), "agent_1": np.array(1)})
    assert rew["agent_0"] == 7.0
    with pytest.raises(InvalidOptionError):
        MatrixGameEnv(catalog.get("climbing"), episode_length=0)
    with pytest.raises(InvalidOptionError):
        MatrixGameEnv(catalog.get("climbing"), episode_length=5, observation="full")
    with pytest.raises(InvalidOptionError):
        MatrixGameEnv(catalog.get("climbing"), episode_length=5, invalid_action="ignore")
    with pytest.raises(UnsupportedGameError):
        MatrixGameEnv(catalog.get("two-step"), episode_length=5)
    with pytest.raises(UnsupportedGameError):
        StochasticGameEnv(catalog.get("climbing"))
    with pytest.raises(InvalidOptionError, match="max_steps"):
        StochasticGameEnv(catalog.get("big-match"), include_step=True)


# ---------------------------------------------------------------------- stochastic games
@pytest.mark.parametrize("first", list(itertools.product(range(2), repeat=2)))
@pytest.mark.parametrize("second", list(itertools.product(range(2), repeat=2)))
def test_two_step_game_returns_match_rashid_et_al_2018(first, second):
    env = make_env("sg:two-step")
    assert env.common_reward and env.n_actions == 2 and env.state_dim == 4
    obs, _ = env.reset(seed=0)
    np.testing.assert_array_equal(obs["agent_0"], [1, 0, 0, 0])
    obs, rew1, term, trunc, _ = env.step(dict(zip(env.possible_agents, first)))
    assert rew1 == {"agent_0": 0.0, "agent_1": 0.0} and not any(term.values())
    branch = 1 if first[0] == 0 else 2                # agent 0's A -> 2A, B -> 2B
    np.testing.assert_array_equal(env.state(), np.eye(4)[branch])
    obs, rew2, term, trunc, _ = env.step(dict(zip(env.possible_agents, second)))
    expected = 7.0 if branch == 1 else float(TWO_STEP_2B[second[0]][second[1]])
    assert rew2 == {"agent_0": expected, "agent_1": expected}
    assert term == {"agent_0": True, "agent_1": True} and not any(trunc.values())
    np.testing.assert_array_equal(obs["agent_1"], [0, 0, 0, 1])   # terminal state "end"
    assert env.agents == []


def test_two_step_best_joint_policy_is_8_and_safe_branch_7():
    returns = {}
    for policy in itertools.product(range(2), repeat=4):
        env = make_env("sg:two-step")
        env.reset(seed=1)
        total = 0.0
        for joint in (policy[:2], policy[2:]):
            _, rew, *_ = env.step(dict(zip(env.possible_agents, joint)))
            total += rew["agent_0"]
        returns[policy] = total
    best = max(returns.values())
    assert best == 8.0
    assert [p for p, r in returns.items() if r == best] == [(1, 0, 1, 1), (1, 1, 1, 1)]
    assert {r for p, r in returns.items() if p[0] == 0} == {7.0}


def test_state_dependent_action_counts_and_horizon():
    env = StochasticGameEnv(_random_sg(), max_steps=20)
    env.reset(seed=0)
    assert env.n_actions == 3 and env.obs_dim == 3
    np.testing.assert_array_equal(env.action_masks(), [[1, 1, 0], [1, 1, 1]])
    # a game with a finite horizon terminates there; a shorter max_steps truncates
    g = StochasticGame.repeated(catalog.get("climbing"), discount=1.0, horizon=3)
    env = StochasticGameEnv(g)
    assert env.max_steps == 3 and env.common_reward
    env.reset()
    for t in range(3):
        _, rew, term, trunc, _ = env.step({"agent_0": 1, "agent_1": 1})
        assert rew["agent_0"] == 7.0
    assert term["agent_0"] and not trunc["agent_0"]
    env = StochasticGameEnv(g, max_steps=2)
    env.reset()
    env.step({"agent_0": 0, "agent_1": 0})
    _, _, term, trunc, _ = env.step({"agent_0": 0, "agent_1": 0})
    assert trunc["agent_0"] and not term["agent_0"]


def test_max_steps_is_the_longest_possible_episode():
    assert make_env("sg:two-step").max_steps == 2
    assert make_env("sg:big-match").max_steps is None          # absorbing, not terminal
    assert make_env("sg:big-match", max_steps=9).max_steps == 9
    # a one-player DAG: from state 0, "short" ends at once, "long" goes 0 -> 1 -> 2 -> end;
    # the initial distribution also starts in 2 sometimes
    T = np.zeros((4, 2, 4))
    T[0, 0, 3] = T[0, 1, 1] = T[1, :, 2] = T[2, :, 3] = 1.0
    g = StochasticGame.mdp(np.zeros((4, 2))[:3].tolist() + [None], list(T[:3]) + [None],
                           discount=1.0, terminal=[3], initial=[0.5, 0, 0.5, 0])
    env = StochasticGameEnv(g)
    assert env.max_steps == 3
    lengths = set()
    for k in range(20):
        env.reset(seed=k)
        steps = 0
        while env.agents:
            env.step({"agent_0": 1})
            steps += 1
        lengths.add(steps)
    assert lengths == {1, 3}


def test_posg_observations_follow_the_observation_matrices():
    g = _random_posg()
    env = StochasticGameEnv(g, max_steps=1)
    assert env.obs_dim == 3 and env.state_dim == 3
    counts = np.zeros((2, 3))
    for k in range(2000):
        obs, _ = env.reset(seed=k)
        s = env.current_state
        assert s == 0                           # initial state
        counts[0] += obs["agent_0"]
        counts[1] += obs["agent_1"]
        assert obs["agent_0"][2] == 0.0         # zero padding of agent 0's 2 observations
    freq = counts / 2000
    np.testing.assert_allclose(freq[0, :2], [0.7, 0.3], atol=0.04)
    np.testing.assert_array_equal(freq[1], [1.0, 0.0, 0.0])


def _rollout(env, seed, steps=60, action_seed=5):
    rng = np.random.default_rng(action_seed)
    obs, _ = env.reset(seed=seed)
    traj = [np.stack(list(obs.values()))]
    for _ in range(steps):
        if not env.agents:
            obs, _ = env.reset()
        acts = {a: int(rng.integers(env.n_actions)) for a in env.agents}
        obs, rew, term, trunc, _ = env.step(acts)
        traj.append(np.stack(list(obs.values())))
        traj.append(np.array(list(rew.values())))
        traj.append(env.state())
    return traj


@pytest.mark.parametrize("name", ["sg-random", "posg-random", "lbf", "rware"])
def test_same_seed_same_trajectory(name):
    make = ENV_FACTORIES[name]
    a, b = _rollout(make(), 11), _rollout(make(), 11)
    assert len(a) == len(b)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    c = _rollout(make(), 12)
    assert not all(np.array_equal(x, y) for x, y in zip(a, c))


# ---------------------------------------------------------------------- adapters
def test_foraging_adapter_masks_rewards_and_truncation():
    tasks = foraging_tasks()
    assert "Foraging-8x8-2p-2f-coop-v3" in tasks and "Foraging-2s-8x8-2p-2f-coop-v3" in tasks
    env = ForagingEnv("8x8-2p-2f-coop", reward="individual", max_steps=5)
    team = ForagingEnv("Foraging-8x8-2p-2f-coop-v3", reward="team", max_steps=5)
    assert env.task == "Foraging-8x8-2p-2f-coop-v3"
    assert (env.n_agents, env.obs_dim, env.n_actions, env.state_dim) == (2, 12, 6, 24)
    assert not env.common_reward and team.common_reward
    obs, infos = env.reset(seed=4)
    team.reset(seed=4)
    inner = env.unwrapped_env
    valid = inner._valid_actions
    for i, p in enumerate(inner.players):
        assert np.flatnonzero(infos[f"agent_{i}"]["action_mask"]).tolist() == \
            sorted(int(a.value) for a in valid[p])
    # the state: both observations, scaled to [0, 1] by the observation space's bounds
    # (lbforaging's Box: -1 for what an agent cannot see, up to the grid size and level)
    space = env.observation_space("agent_0")
    raw = np.concatenate([obs["agent_0"], obs["agent_1"]])
    low, high = np.tile(space.low, 2), np.tile(space.high, 2)
    assert (high > low).all() and raw.max() > 1.0
    np.testing.assert_allclose(env.state(), (raw - low) / (high - low), rtol=1e-6)
    assert env.state().min() >= 0.0 and env.state().max() <= 1.0
    rng = np.random.default_rng(0)
    for _ in range(5):
        acts = {a: int(rng.integers(6)) for a in env.agents}
        _, r1, term, trunc, _ = env.step(acts)
        _, r2, *_ = team.step(acts)
        assert r2["agent_0"] == r2["agent_1"] == pytest.approx(sum(r1.values()))
        if not env.agents:
            break
    assert not env.agents and (trunc["agent_0"] or term["agent_0"])
    if trunc["agent_0"]:
        assert int(np.sum(inner.field)) > 0   # truncated only while food is left


def test_foraging_terminates_when_all_food_is_collected():
    # one agent of level 2 next to one food of level <= 2 on a 5x5 grid loads it
    env = ForagingEnv("Foraging-5x5-2p-1f-v3", max_steps=200)
    rng = np.random.default_rng(1)
    ended = None
    for ep in range(30):
        env.reset(seed=ep)
        while env.agents:
            acts = {}
            for a in env.agents:
                m = env.action_mask(a)
                acts[a] = 5 if m[5] else int(rng.choice(np.flatnonzero(m)))
            _, rew, term, trunc, _ = env.step(acts)
        if term["agent_0"]:
            ended = rew
            break
    assert ended is not None, "no episode ended by collecting the food"
    assert int(np.sum(env.unwrapped_env.field)) == 0
    assert sum(ended.values()) > 0


def test_warehouse_adapter():
    tasks = warehouse_tasks()
    assert "rware-tiny-2ag-v2" in tasks and "rware-small-4ag-hard-v2" in tasks
    env = WarehouseEnv("tiny-2ag", reward="team", max_steps=4)
    assert env.task == "rware-tiny-2ag-v2" and env.common_reward
    assert (env.n_agents, env.obs_dim, env.n_actions, env.state_dim) == (2, 71, 5, 142)
    obs, infos = env.reset(seed=0)
    assert infos["agent_1"]["action_mask"].tolist() == [1] * 5
    for t in range(4):
        obs, rew, term, trunc, _ = env.step({"agent_0": 1, "agent_1": 2})
    assert trunc == {"agent_0": True, "agent_1": True} and not any(term.values())
    # rware's observation space is unbounded: the state is the plain concatenation
    assert not np.isfinite(env.observation_space("agent_0").high).all()
    np.testing.assert_array_equal(env.state(), np.concatenate([obs["agent_0"],
                                                               obs["agent_1"]]))
    with pytest.raises(InvalidOptionError, match="reward"):
        WarehouseEnv("tiny-2ag", reward="shared")


# ---------------------------------------------------------------------- vector env
def test_vector_env_shapes_and_auto_reset_two_step():
    venv = make_vector_env("sg:two-step", 3, seed=0)
    obs, infos = venv.reset()
    assert obs.shape == (3, 2, 4) and obs.dtype == np.float32
    assert infos["state"].shape == (3, 4) and infos["action_mask"].shape == (3, 2, 2)
    obs, rew, term, trunc, infos = venv.step(np.array([[0, 0], [1, 0], [1, 1]]))
    assert rew.shape == (3, 2) and term.shape == trunc.shape == (3,)
    assert not term.any()
    np.testing.assert_array_equal(infos["state"].argmax(axis=1), [1, 2, 2])  # 2A, 2B, 2B
    obs, rew, term, trunc, infos = venv.step(np.array([[1, 1], [1, 1], [0, 1]]))
    np.testing.assert_array_equal(rew[:, 0], [7.0, 8.0, 1.0])
    assert term.all() and not trunc.any()
    np.testing.assert_array_equal(infos["episode_return"], [[7, 7], [8, 8], [1, 1]])
    np.testing.assert_array_equal(infos["episode_length"], [2, 2, 2])
    # auto-reset: the returned observation is the start state, the final one in infos
    np.testing.assert_array_equal(obs[:, 0].argmax(axis=1), [0, 0, 0])
    np.testing.assert_array_equal(infos["final_observation"][:, 1].argmax(axis=1), [3, 3, 3])
    np.testing.assert_array_equal(infos["final_state"].argmax(axis=1), [3, 3, 3])
    np.testing.assert_array_equal(venv.state().argmax(axis=1), [0, 0, 0])


def test_vector_env_is_deterministic_given_the_seed():
    def run(seed):
        venv = make_vector_env("lbf:Foraging-8x8-2p-2f-v3", 3, seed=seed, max_steps=10)
        assert (venv.num_envs, venv.n_agents, venv.obs_dim) == (3, 2, 12)
        rng = np.random.default_rng(0)
        obs, _ = venv.reset()
        out = [obs]
        for _ in range(25):                     # crosses two automatic resets
            obs, rew, term, trunc, infos = venv.step(rng.integers(6, size=(3, 2)))
            out += [obs, rew, trunc, infos["final_observation"]]
            if trunc.any():
                np.testing.assert_array_equal(infos["episode_length"][trunc], 10)
        return out

    a, b, c = run(7), run(7), run(8)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not all(np.array_equal(x, y) for x, y in zip(a, c))
    # sub-environments get different seeds: their first observations differ
    assert not np.array_equal(a[0][0], a[0][1])


def test_vector_env_errors():
    venv = make_vector_env("matrix:climbing", 2, seed=0, episode_length=4)
    with pytest.raises(RuntimeError):
        venv.step(np.zeros((2, 2), dtype=int))
    venv.reset()
    with pytest.raises(InvalidProfileError, match="shape"):
        venv.step(np.zeros((2, 3), dtype=int))
    with pytest.raises(InvalidProfileError, match="range"):
        venv.step(np.full((2, 2), 3))
    with pytest.raises(InvalidOptionError):
        make_vector_env("matrix:climbing", 0)
    with pytest.raises(InvalidOptionError, match="same"):
        VectorEnv([make_env("matrix:climbing"), make_env("sg:two-step")])
    strict = VectorEnv([make_env("sg:big-match", max_steps=5, invalid_action="raise")
                        for _ in range(2)], seed=0)
    strict.reset()
    strict.step(np.array([[0, 0], [1, 1]]))      # env 0 moves to "win": one action left
    with pytest.raises(InvalidProfileError, match="sub-environment 0"):
        strict.step(np.array([[1, 0], [1, 1]]))


# ---------------------------------------------------------------------- make_env
def test_make_env_forms_and_errors(tmp_path):
    assert isinstance(make_env("matrix:stag-hunt"), MatrixGameEnv)
    assert make_env("matrix:stag-hunt").max_steps == 25
    assert isinstance(make_env("sg:two-step"), StochasticGameEnv)
    assert isinstance(make_env("lbf:Foraging-8x8-2p-2f-coop-v3"), ForagingEnv)
    assert isinstance(make_env("rware:rware-tiny-2ag-v2"), WarehouseEnv)
    with pytest.raises(UnknownNameError) as err:
        make_env("atari:pong")
    for form in ("matrix:", "sg:", "lbf:", "rware:", "path"):
        assert form in str(err.value)
    with pytest.raises(UnknownNameError, match="climbing"):     # lists the known games
        make_env("matrix:no-such-game")
    with pytest.raises(UnsupportedGameError, match="sg:two-step"):
        make_env("matrix:two-step")
    with pytest.raises(UnsupportedGameError, match="matrix:climbing"):
        make_env("sg:climbing")
    with pytest.raises(UnknownNameError, match="Foraging-8x8-2p-2f-coop-v3"):  # close match
        make_env("lbf:Foraging-8x8-2p-2f-coopp-v3")
    with pytest.raises(UnknownNameError, match="warehouse_tasks"):
        make_env("rware:rware-huge-2ag-v2")
    # game files: normal form -> MatrixGameEnv, stochastic -> StochasticGameEnv
    nfg = tmp_path / "climb.nfg"
    write_game(catalog.get("climbing"), nfg)
    env = make_env(str(nfg), episode_length=3)
    env.reset()
    assert env.step({"agent_0": 0, "agent_1": 0})[1]["agent_1"] == 11.0
    js = tmp_path / "two_step.json"
    write_game(catalog.get("two-step"), js)
    env = make_env(str(js))
    assert isinstance(env, StochasticGameEnv) and env.game == catalog.get("two-step")


def test_gametheory_import_does_not_import_envs_and_missing_extra_is_explained():
    code = ("import sys, gametheory; "
            "assert 'gametheory.envs' not in sys.modules; "
            "assert 'pettingzoo' not in sys.modules and 'gymnasium' not in sys.modules; "
            "sys.modules['pettingzoo'] = None\n"
            "try:\n    import gametheory.envs\nexcept ImportError as e:\n    print(e)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert "pip install gametheory[marl]" in out.stdout
