import sys

from imperfect_trainer.cli import main

sys.exit(main())
