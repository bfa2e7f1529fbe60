"""Drawing: pure functions that take an ``ax`` and data and return artists; no widgets here.

``figure`` holds what every figure shares (``static_figure``, ``show``, the role ``COLOURS``);
one module per topic draws it: ``one_d``, ``two_d``, ``saddle``, ``network``, ``gradient_flow``,
``optimisers``, ``landscape``, ``training_theory`` (and ``lint``, the rules every figure obeys).
Notebooks write ``plots.static_figure(...)``, ``plots.two_d.plot_contours(ax, ...)``, ``plots.show(fig)``;
``plots.style.use("projector")`` switches every figure made afterwards to another look.
"""
from . import gradient_flow, landscape, network, one_d, optimisers, saddle, style, training_theory, two_d
from .figure import (COLOURS, describe_figure, power_of_ten_label, show, static_figure,
                     use_plain_log_labels, vertical_band)

__all__ = ["COLOURS", "describe_figure", "gradient_flow", "landscape", "network", "one_d", "optimisers",
           "power_of_ten_label", "saddle", "show", "static_figure", "style", "training_theory", "two_d",
           "use_plain_log_labels", "vertical_band"]
