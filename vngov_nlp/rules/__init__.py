"""Rule labelling: high-precision patterns (`labeller.py`) and the gazetteers they may read (`gazetteer.py`)."""
from .gazetteer import Gazetteer, gazetteer_dir, load_gazetteer, name_key
from .labeller import RuleLabeller

__all__ = ["RuleLabeller", "Gazetteer", "gazetteer_dir", "load_gazetteer", "name_key"]
