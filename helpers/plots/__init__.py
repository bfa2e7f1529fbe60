"""Drawing: pure functions that take an ``ax`` and data and return artists; no widgets here.

``figure`` holds what every figure shares (``static_figure``, ``show``, the role ``COLOURS``);
one module per topic draws it: ``one_d``, ``two_d``, ``saddle``, ``network``, ``gradient_flow``, ``optimisers``.
Notebooks write ``plots.static_figure(...)``, ``plots.two_d.plot_contours(ax, ...)``, ``plots.show(fig)``.
"""
from . import gradient_flow, network, one_d, optimisers, saddle, two_d
from .figure import COLOURS, power_of_ten_label, show, static_figure, use_plain_log_labels

__all__ = ["COLOURS", "gradient_flow", "network", "one_d", "optimisers", "power_of_ten_label", "saddle", "show",
           "static_figure", "two_d", "use_plain_log_labels"]
