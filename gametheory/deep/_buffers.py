"""Episode replay: whole episodes stored in padded numpy arrays, sampled uniformly.

Storing episodes (not single transitions) serves recurrent agents, which must replay an
observation history from its start, and n-step returns, which need the rewards that follow a
step.  Array layout, for a buffer of ``C`` episodes of at most ``T`` steps, ``n`` agents::

    obs[c, t, i, :]     observation of agent i before step t (t = 0..T; obs[c, L] is the
                        last observation of an episode of length L)
    state[c, t, :]      global state before step t (t = 0..T)
    actions[c, t, i]    action of agent i at step t (t < L)
    rewards[c, t, i]    reward of agent i at step t (t < L)
    avail[c, t, i, a]   1 if action a was available to agent i before step t (t = 0..L)
    length[c]           number of steps L of the episode
    terminated[c]       True when the episode ended in a terminal state (no bootstrap),
                        False when it was cut by a time limit

Entries past an episode's length are zero.  The time axis grows when a longer episode
arrives, so no episode limit has to be known in advance.

>>> import numpy as np
>>> buf = EpisodeBuffer(capacity=4, n_agents=2, obs_dim=3, state_dim=1, n_actions=2)
>>> buf.add(obs=np.zeros((3, 2, 3)), state=np.zeros((3, 1)), actions=np.ones((2, 2)),
...         rewards=np.ones((2, 2)), avail=np.ones((3, 2, 2)), terminated=True)
>>> len(buf), buf.max_len
(1, 2)
>>> batch = buf.sample(5, np.random.default_rng(0))
>>> batch["obs"].shape, batch["length"].shape
((5, 3, 2, 3), (5, 2))
"""

from __future__ import annotations

import numpy as np

from .._errors import InvalidOptionError

__all__ = ["EpisodeBuffer"]

_FIELDS = ("obs", "state", "actions", "rewards", "avail", "length", "terminated")
_TIMED = ("obs", "state", "actions", "rewards", "avail")


class EpisodeBuffer:
    """A ring buffer of whole episodes (see the module docstring for the array layout).

    Parameters
    ----------
    capacity : int
        Number of episodes kept; the oldest is overwritten first.
    n_agents, obs_dim, state_dim, n_actions : int
        Sizes of the environment.
    """

    def __init__(self, capacity: int, n_agents: int, obs_dim: int, state_dim: int,
                 n_actions: int):
        if capacity < 1:
            raise InvalidOptionError(f"buffer capacity must be at least 1, got {capacity}")
        self.capacity = int(capacity)
        self.n_agents, self.obs_dim, self.state_dim = int(n_agents), int(obs_dim), \
            int(state_dim)
        self.n_actions = int(n_actions)
        self.size = 0
        self.pos = 0
        self._alloc(min(self.capacity, 16), 1)

    def _alloc(self, rows: int, max_len: int) -> None:
        n = self.n_agents
        self.obs = np.zeros((rows, max_len + 1, n, self.obs_dim), np.float32)
        self.state = np.zeros((rows, max_len + 1, self.state_dim), np.float32)
        self.actions = np.zeros((rows, max_len, n), np.int64)
        self.rewards = np.zeros((rows, max_len, n), np.float32)
        self.avail = np.zeros((rows, max_len + 1, n, self.n_actions), np.int8)
        self.length = np.zeros(rows, np.int64)
        self.terminated = np.zeros(rows, bool)

    @property
    def max_len(self) -> int:
        """Longest episode the arrays hold without growing."""
        return self.actions.shape[1]

    def __len__(self) -> int:
        return self.size

    def _resize(self, rows: int, max_len: int) -> None:
        """Reallocate for ``rows`` episodes of ``max_len`` steps, keeping the contents
        (memory grows with the episodes stored, up to the capacity)."""
        old = {k: getattr(self, k) for k in _FIELDS}
        self._alloc(rows, max_len)
        k_rows = old["length"].shape[0]
        for k in _TIMED:
            getattr(self, k)[:k_rows, :old[k].shape[1]] = old[k]
        self.length[:k_rows] = old["length"]
        self.terminated[:k_rows] = old["terminated"]

    def add(self, *, obs, state, actions, rewards, avail, terminated: bool) -> None:
        """Store one episode of ``L`` steps: ``obs`` (L+1, n, obs_dim), ``state``
        (L+1, state_dim), ``actions`` and ``rewards`` (L, n), ``avail`` (L+1, n,
        n_actions)."""
        actions = np.asarray(actions)
        L = actions.shape[0]
        if L < 1:
            raise InvalidOptionError("an episode must have at least one step")
        c = self.pos
        rows = self.length.shape[0]
        if c >= rows or L > self.max_len:
            self._resize(min(self.capacity, 2 * rows) if c >= rows else rows,
                         max(L, 2 * self.max_len) if L > self.max_len else self.max_len)
        for k in _TIMED:
            getattr(self, k)[c] = 0
        self.obs[c, :L + 1] = obs
        self.state[c, :L + 1] = state
        self.actions[c, :L] = actions
        self.rewards[c, :L] = rewards
        self.avail[c, :L + 1] = avail
        self.length[c] = L
        self.terminated[c] = bool(terminated)
        self.pos = (self.pos + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size: int, rng: np.random.Generator, *,
               independent_agents: bool = False) -> dict[str, np.ndarray]:
        """``batch_size`` episodes drawn uniformly with replacement, cut to the longest one.

        With ``independent_agents`` every agent draws its own episodes, as if each had its
        own buffer holding the same experience: agent ``i``'s column ``[:, :, i]`` of
        ``obs``, ``actions`` and ``rewards`` then comes from episode ``index[:, i]``.  The
        state belongs to agent 0's episodes.  ``length`` and ``terminated`` have shape
        ``(batch_size, n_agents)``.
        """
        if self.size == 0:
            raise InvalidOptionError("cannot sample from an empty buffer")
        n = self.n_agents
        if independent_agents:
            idx = rng.integers(0, self.size, size=(batch_size, n))
        else:
            idx = np.repeat(rng.integers(0, self.size, size=(batch_size, 1)), n, axis=1)
        length = self.length[idx]
        T = int(length.max())
        # agent i's column comes from episodes idx[:, i]
        obs = np.stack([self.obs[idx[:, i], :T + 1, i] for i in range(n)], axis=2)
        actions = np.stack([self.actions[idx[:, i], :T, i] for i in range(n)], axis=2)
        rewards = np.stack([self.rewards[idx[:, i], :T, i] for i in range(n)], axis=2)
        avail = np.stack([self.avail[idx[:, i], :T + 1, i] for i in range(n)], axis=2)
        return {"obs": obs, "state": self.state[idx[:, 0], :T + 1], "actions": actions,
                "rewards": rewards, "avail": avail, "length": length,
                "terminated": self.terminated[idx],
                "index": idx}

    # ------------------------------------------------------------------ checkpoints
    def state_dict(self) -> dict:
        """Contents and positions, enough to continue exactly where the buffer was."""
        out = {"capacity": self.capacity, "size": self.size, "pos": self.pos,
               "max_len": self.max_len}
        for k in _FIELDS:
            out[k] = getattr(self, k)[:self.size].copy()
        return out

    def load_state_dict(self, d: dict) -> None:
        """Restore what :meth:`state_dict` returned."""
        if int(d["capacity"]) != self.capacity:
            raise InvalidOptionError(f"the checkpoint's buffer holds {d['capacity']} "
                                     f"episodes, this one {self.capacity}")
        self._alloc(max(int(d["size"]), 1), int(d["max_len"]))
        self.size, self.pos = int(d["size"]), int(d["pos"])
        for k in _FIELDS:
            getattr(self, k)[:self.size] = np.asarray(d[k])
