# -*- Python -*-
# lit configuration that runs Lauryn's GoogleTest binaries.

import os

import lit.formats

config.name = "Lauryn-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.lauryn_obj_root, "test", "Unit")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
