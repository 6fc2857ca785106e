"""A normal-form game played repeatedly, as a PettingZoo parallel environment."""

from __future__ import annotations

import numpy as np

from .._errors import InvalidOptionError, UnsupportedGameError
from ..games import NormalFormGame
from ._base import MultiAgentEnv, _check_invalid_action, _check_positive_int

__all__ = ["MatrixGameEnv"]

_OBSERVATIONS = ("last_joint_action", "constant")


class MatrixGameEnv(MultiAgentEnv):
    """A normal-form game repeated for a fixed number of steps (a repeated matrix game, as
    in the climbing and penalty games of Claus and Boutilier 1998).

    At every step each agent picks an action of the stage game and receives its payoff
    ``game.payoff_array[i][a_1, ..., a_n]``.  The episode is truncated after
    ``episode_length`` steps (there is no terminal state).

    Parameters
    ----------
    game : NormalFormGame
        The stage game.  Player ``i`` of the game is agent ``"agent_{i}"``.
    episode_length : int
        Number of steps of an episode (the truncation time).
    observation : {"last_joint_action", "constant"}
        ``"last_joint_action"`` (default): every agent observes the previous joint action
        as the concatenation of one one-hot vector per player (player ``i``'s block has
        ``m_i`` entries), all zeros at the first step; ``obs_dim = m_1 + ... + m_n``.
        ``"constant"``: the observation is the constant ``[1.0]`` (a stateless game).
    include_step : bool
        Append ``t / episode_length`` (the number of steps played so far, scaled to
        ``[0, 1]``) to the observation.
    invalid_action : {"modulo", "raise"}
        What an action ``a >= m_i`` of player ``i`` does when the players have different
        action counts (every agent's space is ``Discrete(max m_i)``, and such actions are
        0 in the action mask): play ``a mod m_i`` (default) or raise
        :class:`~gametheory.InvalidProfileError`.

    Attributes
    ----------
    game : NormalFormGame
    players : tuple of str
        The game's player labels, in agent order.
    episode_length : int
    possible_agents, n_agents, obs_dim, n_actions, state_dim, common_reward, max_steps
        See :class:`MultiAgentEnv`.  ``state()`` equals the (shared) observation, so
        ``state_dim == obs_dim``; ``common_reward`` is ``game.is_common_reward``;
        ``max_steps == episode_length``.

    Raises
    ------
    UnsupportedGameError
        ``game`` is not a :class:`~gametheory.games.NormalFormGame`.
    InvalidOptionError
        A bad ``episode_length``, ``observation`` or ``invalid_action``.

    Examples
    --------
    The climbing game (Claus and Boutilier 1998) pays 11 at (a, a) and -30 at (a, b):

    >>> from gametheory.games import catalog
    >>> env = MatrixGameEnv(catalog.get("climbing"), episode_length=2)
    >>> env.possible_agents, env.obs_dim, env.n_actions, env.common_reward
    (['agent_0', 'agent_1'], 6, 3, True)
    >>> obs, infos = env.reset(seed=0)
    >>> obs["agent_0"].tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    >>> obs, rew, term, trunc, infos = env.step({"agent_0": 0, "agent_1": 1})
    >>> rew, obs["agent_1"].tolist()
    ({'agent_0': -30.0, 'agent_1': -30.0}, [1.0, 0.0, 0.0, 0.0, 1.0, 0.0])
    >>> obs, rew, term, trunc, infos = env.step({"agent_0": 0, "agent_1": 0})
    >>> rew["agent_0"], trunc["agent_0"], env.agents
    (11.0, True, [])
    """

    metadata = {"name": "matrix_game_v0", "render_modes": [], "is_parallelizable": True}

    def __init__(self, game: NormalFormGame, *, episode_length: int,
                 observation: str = "last_joint_action", include_step: bool = False,
                 invalid_action: str = "modulo"):
        if not isinstance(game, NormalFormGame):
            raise UnsupportedGameError(f"MatrixGameEnv needs a NormalFormGame, got "
                                       f"{type(game).__name__} (use StochasticGameEnv for "
                                       "stochastic games)")
        self.episode_length = _check_positive_int(episode_length, "episode_length")
        if observation not in _OBSERVATIONS:
            raise InvalidOptionError(f"observation must be one of {list(_OBSERVATIONS)}, "
                                     f"got {observation!r}")
        if not isinstance(include_step, (bool, np.bool_)):
            raise InvalidOptionError(f"include_step must be a bool, got {include_step!r}")
        self._invalid_action = _check_invalid_action(invalid_action)
        self.game = game
        self.observation = observation
        self.include_step = bool(include_step)
        self.players = tuple(game.players)
        m = np.array(game.num_actions, dtype=np.int64)
        self._payoffs = np.asarray(game.payoff_array, dtype=np.float64)
        self._offsets = np.concatenate([[0], np.cumsum(m)[:-1]]).astype(np.int64)
        self.n_agents = game.num_players
        self.possible_agents = [f"agent_{i}" for i in range(self.n_agents)]
        self.n_actions = int(m.max())
        base = int(m.sum()) if observation == "last_joint_action" else 1
        self._base_dim = base
        self.obs_dim = base + int(self.include_step)
        self.state_dim = self.obs_dim
        self.common_reward = bool(game.is_common_reward)
        self.max_steps = self.episode_length
        masks = np.zeros((self.n_agents, self.n_actions), dtype=np.int8)
        for i, k in enumerate(m):
            masks[i, :k] = 1
        masks.setflags(write=False)
        self._masks = masks
        self._t = 0
        self._vec = np.zeros(self.obs_dim, dtype=np.float32)
        self._init_spaces(0.0, 1.0)

    def _features(self, joint) -> np.ndarray:
        v = np.zeros(self.obs_dim, dtype=np.float32)
        if self.observation == "constant":
            v[0] = 1.0
        elif joint is not None:
            v[self._offsets + np.array(joint)] = 1.0
        if self.include_step:
            v[-1] = self._t / self.episode_length
        return v

    def _reset_arrays(self, seed):
        # the game is deterministic: the seed has nothing to seed
        self._t = 0
        self._vec = self._features(None)
        return np.broadcast_to(self._vec, (self.n_agents, self.obs_dim)).copy()

    def _step_arrays(self, joint):
        self._t += 1
        rewards = self._payoffs[(slice(None),) + joint].copy()
        self._vec = self._features(joint)
        obs = np.broadcast_to(self._vec, (self.n_agents, self.obs_dim)).copy()
        return obs, rewards, False, self._t >= self.episode_length

    def _mask_arrays(self):
        return self._masks

    def _state_array(self):
        return self._vec.copy()
