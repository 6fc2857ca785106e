"""Deep multi-agent reinforcement learning (the only layer that imports torch).

Import it explicitly (``import gametheory.deep``); ``import gametheory`` does not load torch.

Value-based learners share one Q-learning core and differ only in their mixer: independent
DQN (:class:`IDQN`), :class:`VDN`, :class:`QMIX`, and a centralised DQN on the joint action
(:class:`CentralDQN`).  :data:`ALGORITHMS` maps their names to (Config, learner class);
:func:`train` / :class:`Trainer` run any of them on an environment of
:mod:`gametheory.envs` with seeding, evaluation, metrics and exact checkpoints, and
:func:`evaluate` plays a saved run greedily.
"""

from . import _buffers, _central, _config, _env, _idqn, _mixers, _networks, _qlearner, \
    _qmix, _registry, _runner, _vdn
from ._buffers import *  # noqa: F401,F403
from ._central import *  # noqa: F401,F403
from ._config import *  # noqa: F401,F403
from ._env import *  # noqa: F401,F403
from ._idqn import *  # noqa: F401,F403
from ._mixers import *  # noqa: F401,F403
from ._networks import *  # noqa: F401,F403
from ._qlearner import *  # noqa: F401,F403
from ._qmix import *  # noqa: F401,F403
from ._registry import *  # noqa: F401,F403
from ._runner import *  # noqa: F401,F403
from ._vdn import *  # noqa: F401,F403

__all__ = [*_buffers.__all__, *_central.__all__, *_config.__all__, *_env.__all__,
           *_idqn.__all__, *_mixers.__all__, *_networks.__all__, *_qlearner.__all__,
           *_qmix.__all__, *_registry.__all__, *_runner.__all__, *_vdn.__all__]
