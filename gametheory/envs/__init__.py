"""Layer 1: multi-agent environments with the PettingZoo ``ParallelEnv`` API.

Needs the ``marl`` extra (``pip install gametheory[marl]``: gymnasium, pettingzoo,
lbforaging, rware); ``import gametheory`` does not import this package.

Environments
------------
:class:`MatrixGameEnv`
    A normal-form game played repeatedly for ``episode_length`` steps.
:class:`StochasticGameEnv`
    A :class:`~gametheory.games.StochasticGame` or :class:`~gametheory.games.POSG`
    (e.g. the two-step game of Rashid et al. 2018, ``make_env("sg:two-step")``).
:class:`ForagingEnv`, :class:`WarehouseEnv`
    Adapters over level-based foraging (``lbforaging``) and the robotic warehouse
    (``rware``); their tasks are listed by :func:`foraging_tasks` and
    :func:`warehouse_tasks`.
:func:`make_env`
    ``"matrix:NAME"``, ``"sg:NAME"``, ``"lbf:TASK"``, ``"rware:TASK"`` or a game file.
:class:`VectorEnv`, :func:`make_vector_env`
    ``K`` copies stepped together with numpy-batched arrays and automatic reset.

The contract every environment keeps
------------------------------------
All environments derive from :class:`MultiAgentEnv` (a ``pettingzoo.ParallelEnv``) and
pass PettingZoo's ``parallel_api_test`` and ``parallel_seed_test``:

* ``reset(seed=None, options=None) -> (observations, infos)`` and
  ``step(actions) -> (observations, rewards, terminations, truncations, infos)``, every
  value a dict keyed by agent; ``actions[agent]`` is an int.
* ``possible_agents`` is ``["agent_0", ..., "agent_{n-1}"]``: agent ``i`` is player ``i``
  of the game (``env.players`` holds the game's labels), and index ``i`` of every array
  below is that agent.
* ``n_agents``; ``obs_dim``: every observation is a flat ``float32`` array of shape
  ``(obs_dim,)`` and ``observation_space(agent)`` is that ``Box``; ``n_actions``: every
  ``action_space(agent)`` is ``Discrete(n_actions)``; ``state_dim``: ``state()`` is a
  ``float32`` array of shape ``(state_dim,)``, the global state for centralised training;
  ``common_reward``: whether all agents always get the same reward; ``max_steps``: the
  longest episode (``None`` if unbounded).
* ``infos[agent]["action_mask"]`` (also ``action_mask(agent)`` and ``action_masks()``,
  shape ``(n_agents, n_actions)``) is an ``int8`` vector, 1 for the actions available
  now.  Every action of the space is accepted, as PettingZoo's API test requires: the
  game environments play an unavailable action ``a`` as ``a mod m`` (``m`` available
  actions; ``invalid_action="raise"`` makes it an :class:`~gametheory.InvalidProfileError`
  instead, for debugging), the adapters as their package does (a no-op).
* An episode ends for all agents at once: every agent is terminated (a terminal state,
  all food collected) or truncated (a step limit), and ``agents`` becomes empty.
* ``reset(seed=s)`` seeds the environment; later ``reset()`` calls continue the same
  random stream, so one seed makes a run reproducible.

Observation layouts: :class:`MatrixGameEnv`, the previous joint action as concatenated
one-hot blocks (one per player; zeros at the start) or a constant; :class:`StochasticGameEnv`,
the one-hot state (POSG: the one-hot observation of each agent), ``state()`` the one-hot
state; the adapters, the packages' own vectors, ``state()`` their concatenation.  An agent
id is not part of the observation (learners that share parameters add it).

Examples
--------
>>> from gametheory.envs import make_env
>>> env = make_env("sg:two-step")
>>> obs, infos = env.reset(seed=0)
>>> ret = 0.0
>>> for joint in [(1, 0), (1, 1)]:          # branch B, then (B, B)
...     obs, rew, term, trunc, infos = env.step(dict(zip(env.possible_agents, joint)))
...     ret += rew["agent_0"]
>>> ret, env.agents
(8.0, [])
"""

try:
    import gymnasium  # noqa: F401
    import pettingzoo  # noqa: F401
except ImportError as _exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("gametheory.envs needs gymnasium and pettingzoo: "
                      "pip install gametheory[marl]") from _exc

from ._base import *  # noqa: F401,F403
from ._matrix import *  # noqa: F401,F403
from ._stochastic import *  # noqa: F401,F403
from ._adapters import *  # noqa: F401,F403
from ._vector import *  # noqa: F401,F403
from ._registry import *  # noqa: F401,F403
from . import _adapters, _base, _matrix, _registry, _stochastic, _vector

__all__ = (_base.__all__ + _matrix.__all__ + _stochastic.__all__ + _adapters.__all__
           + _vector.__all__ + _registry.__all__)
