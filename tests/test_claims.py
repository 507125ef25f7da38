# ruff: noqa: E501  (CLAIMS is a table of sentences)
"""Every qualitative claim the pages, captions and notebooks make about the data or the maths.

``CLAIMS`` lists them page by page (both languages say the same thing, so one row covers
both) with the test that fails if the claim stops being true on the site's own data, for
example after a model, a seed or an example changes. Claims already checked elsewhere name
that test as ``file::test``. Claims that cannot be tested on our data (what papers did) are
worded as reports of those papers and cited on the page; they are listed under ``CITED``.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest

from lastlayer import maths, models, style, values
from lastlayer.examples import SCALES, class_changes, scaled, scaled_all, toy2d, window_grid, worked_example

ROOT = Path(__file__).resolve().parent.parent
EX = worked_example()
TOY = toy2d()

#: (page, claim, test). One row per claim; the test is in this file unless it names another.
CLAIMS = [
    (
        "index",
        "softmax outputs lie in (0, 1) and add up to 1",
        "test_maths.py::test_softmax_outputs_are_probabilities_that_sum_to_one",
    ),
    (
        "computation",
        "exponentiating keeps the order of the scores",
        "test_maths.py::test_softmax_keeps_the_order_and_ignores_a_shift",
    ),
    (
        "computation",
        "ŷ_i / ŷ_j = e^(z_i − z_j): cat is e^gap times as likely as dog",
        "test_maths.py::test_probability_ratio_is_exp_of_the_score_gap",
    ),
    (
        "weighting",
        "a score is the sum of the contributions w_ij x_i plus b_j (score_contributions)",
        "test_maths.py::test_scores_are_weighted_sums_of_contributions_plus_bias",
    ),
    (
        "weighting",
        "the cat template's largest positive weights sit on the image's brightest pixels (1 and 4)",
        "test_cat_template_matches_the_bright_pixels",
    ),
    ("weighting", "the dog score gets most of its value from its bias", "test_dog_score_is_mostly_bias"),
    (
        "weighting",
        "∂ŷ_j/∂x_i = ŷ_j (w_ij − Σ_l ŷ_l w_il); with two classes it is ŷ_j ŷ_m (w_ij − w_im), m the other class",
        "test_probability_gradient_formula_and_two_class_sign",
    ),
    (
        "weighting",
        "on the followed flower, versicolor's negative sepal-width weight still raises its probability, and its positive sepal-length weight lowers it",
        "test_iris_weight_sign_is_not_the_probability_sign",
    ),
    (
        "weighting",
        "over the held-out flowers, some (flower, measurement, species) signs disagree and some flowers have a negative weight that raises a probability",
        "test_iris_disagreements_exist_as_counted",
    ),
    (
        "weighting",
        "adding the same number to a row of W changes no probability",
        "test_maths.py::test_adding_one_vector_to_every_template_changes_nothing",
    ),
    ("weighting", "with the weak L2 penalty the rows of W add up to zero", "test_iris_l2_rows_add_up_to_zero"),
    (
        "weighting",
        "petal measurements: negative for setosa, positive for virginica; wide sepals favour setosa",
        "test_iris_field_guide",
    ),
    (
        "weighting",
        "after standardising, x = 0 is the average training flower and softmax(b) is its prediction",
        "test_iris_origin_is_the_average_flower",
    ),
    (
        "weighting",
        "the followed flower is misclassified because of the biases (iris_weights caption says so)",
        "test_models.py::test_the_explained_flower_is_lost_to_the_bias",
    ),
    (
        "weighting",
        "L2 shrinks ‖W‖, zeroes no weight, lowers accuracy and the mean top probability",
        "test_models.py::test_regularisation_does_what_the_page_says",
    ),
    (
        "weighting",
        "L1: every row has a zero (shift freedom), one whole row (sepal length) is zero, the largest differences left are on the petals",
        "test_l1_zero_rows_are_what_counts",
    ),
    (
        "templates",
        "the cat template is large where the image is bright, and cat gets the highest score",
        "test_cat_template_matches_the_bright_pixels",
    ),
    (
        "templates",
        "dot product = ‖w‖‖x‖cos θ; doubling a template doubles its dot product, not its cosine",
        "test_maths.py::test_dot_product_is_norms_times_cosine",
    ),
    (
        "templates",
        "the one-hidden-layer network beats the linear classifier on the held-out digits",
        "test_the_hidden_layer_network_beats_the_linear_templates",
    ),
    (
        "templates",
        "the input templates stay valid images and excite their class",
        "test_models.py::test_input_templates_stay_valid_images_and_excite_their_class",
    ),
    (
        "geometry",
        "z_j = ‖w_j‖ d_j and the normal points to positive scores",
        "test_maths.py::test_score_is_norm_times_signed_distance",
    ),
    (
        "geometry",
        "scaling one class moves no line of its own but multiplies its score",
        "test_maths.py::test_scaling_a_class_moves_no_line_but_scales_its_score",
    ),
    (
        "geometry",
        "a gain on cat moves the boundaries: the cat region grows for s > 1, shrinks for s < 1, and points change class",
        "test_a_per_class_gain_moves_the_boundaries",
    ),
    (
        "geometry",
        "scaling all of W and b is a temperature: no region moves, the query's cat probability grows with s",
        "test_a_global_scale_moves_no_boundary",
    ),
    (
        "geometry",
        "the query point is on the positive side of the dog line yet a cat",
        "test_maths.py::test_the_query_point_is_on_the_positive_side_of_dog_yet_a_cat",
    ),
    (
        "geometry",
        "pairwise differences decide the argmax; decision regions are convex",
        "test_decision_regions_are_convex",
    ),
    (
        "why-softmax",
        "the naive formula overflows, the shifted one does not",
        "test_why_softmax.py::test_the_overflow_demonstration_really_overflows_and_the_stable_form_does_not",
    ),
    (
        "why-softmax",
        "temperature keeps the order; near 0 one-hot, large T uniform",
        "test_why_softmax.py::test_temperature_keeps_the_order",
    ),
    (
        "why-softmax",
        "two-class softmax is the sigmoid of the score difference",
        "test_why_softmax.py::test_two_class_softmax_is_the_sigmoid_of_the_difference",
    ),
    (
        "why-softmax",
        "log-sum-exp is a smooth upper bound of max that tightens as T falls",
        "test_why_softmax.py::test_log_sum_exp_is_a_smooth_upper_bound_of_max_that_tightens_with_temperature",
    ),
    (
        "why-softmax",
        "dividing raw scores by their sum gives a negative 'probability' and is not shift-invariant",
        "test_why_softmax.py::test_dividing_raw_scores_by_their_sum_breaks_as_the_page_says",
    ),
    (
        "why-softmax",
        "∂L/∂z = ŷ − e_y",
        "test_why_softmax.py::test_cross_entropy_gradient_is_probabilities_minus_one_hot",
    ),
    (
        "learning",
        "∂L/∂W = x(ŷ − e_y)ᵀ (n×k), ∂L/∂b = ŷ − e_y (k); a step moves the templates and raises the true score on this input by η(‖x‖²+1)(1 − ŷ_y)",
        "test_parameter_gradients_and_one_step",
    ),
    (
        "why-softmax",
        "the digits model is under-confident; T fitted on one half is < 1 and overshoots into over-confidence on the other half; ECE falls; accuracy unchanged",
        "test_half_split_temperature_overshoots",
    ),
    (
        "why-softmax",
        "the two halves disagree on T; the bootstrap interval is below 1 and excludes neither half's value inside it as stated",
        "test_temperature_is_uncertain",
    ),
    (
        "why-softmax",
        "cross-validated temperature lowers ECE and shrinks the signed gap",
        "test_cross_validated_temperature_helps",
    ),
    (
        "explained",
        "weight decay shortens templates and lowers confidence monotonically",
        "test_why_softmax.py::test_weight_decay_shrinks_templates_and_confidence_monotonically",
    ),
    (
        "explained",
        "weight decay is not a pure temperature: templates turn, the unpenalised bias shrinks, predictions change, accuracy falls",
        "test_weight_decay_is_not_only_a_temperature",
    ),
    (
        "explained",
        "a global scale would keep cosine 1, agreement 100% and accuracy (the contrast the page draws)",
        "test_a_global_scale_keeps_cosine_agreement_and_accuracy",
    ),
    ("explained", "confidence falls much faster than accuracy", "test_confidence_falls_faster_than_accuracy"),
    (
        "explained",
        "z_j = ‖w_j‖‖x‖cos θ_j + b_j; ‖x‖ acts as a per-input inverse temperature (argmax unchanged when b = 0)",
        "test_feature_length_is_a_per_input_temperature",
    ),
    (
        "explained",
        "with normalised weights and no bias, the boundary between two classes is the bisector of their directions",
        "test_normalised_boundaries_are_bisectors",
    ),
    (
        "explained",
        "cosine softmax directions are unit vectors; with the features fixed, a margin leaves points to push",
        "test_why_softmax.py::test_cosine_softmax_directions_are_unit_and_the_margin_leaves_points_to_push",
    ),
    (
        "fc-in-practice",
        "VGG-16 head parameter counts; GAP about fc.ratio times fewer",
        "test_why_softmax.py::test_head_parameter_counts",
    ),
    (
        "fc-in-practice",
        "the first dense layer after a flatten is an h×w convolution, later ones 1×1 (two different computations agree)",
        "test_why_softmax.py::test_fully_connected_equals_a_convolution",
    ),
    (
        "fc-in-practice",
        "the sliding convolution agrees with scipy and yields a map of scores on larger inputs",
        "test_why_softmax.py::test_the_sliding_convolution_agrees_with_scipy_and_slides",
    ),
    (
        "fc-in-practice",
        "the numpy snippet reproduces the worked example",
        "test_why_softmax.py::test_the_dense_layer_snippet_reproduces_the_worked_example",
    ),
    ("notebooks", "notebooks draw classes in the site's colours", "test_notebook_colours_are_the_sites"),
    (
        "fc-in-practice",
        "the generated numpy snippet's comments are in the page's language",
        "test_the_generated_snippet_speaks_the_pages_language",
    ),
    # Captions and exercise answers, checked by another route (tests/test_claims_*.py).
    (
        "explained",
        "z_j = w_j·x + b_j; templates and biases both shrink with weight decay; dropping the bias changes predictions",
        "test_claims_explained.py::test_weight_decay_shrinks_both_parts_of_every_score_and_the_bias_matters",
    ),
    (
        "explained",
        "the top-two score gap narrows on almost every digit; smaller gaps act like a higher temperature",
        "test_claims_explained.py::test_the_top_two_gap_narrows_for_almost_every_digit",
    ),
    (
        "explained",
        "a common scale reorders nothing; what decay changes besides accounts for the accuracy fall",
        "test_claims_explained.py::test_a_common_scale_keeps_every_order_and_what_else_decay_does_reorders",
    ),
    (
        "explained",
        "the largest cosine alone does not decide the class",
        "test_claims_explained.py::test_the_angles_alone_do_not_decide",
    ),
    (
        "explained",
        "length × length × cosine holds only without the bias",
        "test_claims_explained.py::test_without_the_bias_a_score_is_length_times_length_times_cosine",
    ),
    (
        "explained",
        "the margin is in cosine, not angle; a plain cosine softmax that just wins still has loss between ln 2 and ln k",
        "test_claims_explained.py::test_a_cosine_margin_and_what_a_plain_cosine_softmax_asks_for",
    ),
    (
        "explained",
        "the margin runs are snapshots after 200 steps; 2,000 steps come closer (caption too)",
        "test_claims_explained.py::test_the_margin_runs_are_snapshots_and_longer_runs_come_closer",
    ),
    (
        "explained",
        "exercise 3: on the 2-D toy data the three cosines are never all equal",
        "test_claims_explained.py::test_on_the_two_dimensional_toy_data_three_cosines_are_never_all_equal",
    ),
    (
        "explained",
        "the linear digit templates are closer to class contrasts than to class averages",
        "test_claims_explained.py::test_every_linear_digit_template_is_closer_to_a_contrast_than_to_an_average",
    ),
    (
        "explained",
        "without a margin training narrows each class's arc; the alt text's angle bounds hold",
        "test_claims_explained.py::test_without_a_margin_training_narrows_every_class_arc",
    ),
    (
        "explained",
        "no feature ends in the margin band, with or without the margin (cosine_margin caption too)",
        "test_claims_explained.py::test_the_margin_band_is_empty_with_or_without_the_margin",
    ),
    (
        "explained",
        "the margin moves the features further and closes each class, off their arrows (caption too)",
        "test_claims_explained.py::test_the_margin_moves_the_features_further_and_closes_the_classes_off_their_arrows",
    ),
    (
        "explained",
        "weight_decay caption: the number and range of λ drawn",
        "test_claims_explained.py::test_the_weight_decay_caption_counts_the_strengths_it_draws",
    ),
    (
        "fc-in-practice",
        "about 49× fewer parameters; exactly 49× fewer weights; the biases the same",
        "test_claims_explained.py::test_where_the_factor_between_flattening_and_pooling_comes_from",
    ),
    (
        "fc-in-practice",
        "exercise 2 describes the dense-versus-convolution check it quotes",
        "test_claims_explained.py::test_the_dense_against_convolution_exercise_describes_the_check",
    ),
    (
        "about",
        "the credit names no year we cannot confirm (cite, CITATION.cff too)",
        "test_claims_explained.py::test_the_credit_names_no_year_we_cannot_confirm",
    ),
    (
        "about",
        "figures are drawn at build time and redrawn when their code changes (gallery too)",
        "test_claims_explained.py::test_a_figure_is_redrawn_when_its_script_changes_and_only_then",
    ),
    (
        "cite",
        "a citation names the committed version, not uncommitted changes",
        "test_claims_explained.py::test_a_citation_names_the_commit_not_uncommitted_changes",
    ),
    (
        "cite",
        "a figure's number is the same in every language; titles and permalinks are per language",
        "test_claims_explained.py::test_figure_titles_are_translated_and_the_labels_carry_one_number",
    ),
    (
        "gallery",
        "the gallery links to each figure; downloads and citations are under the figure",
        "test_claims_explained.py::test_the_gallery_links_to_each_figure_and_leaves_downloads_and_citations_to_its_page",
    ),
    (
        "gallery",
        "PNG downloads have the stated resolution",
        "test_claims_explained.py::test_png_downloads_have_the_stated_resolution",
    ),
    (
        "templates",
        "the highest score wins; usually the best match, but the bias can tip it",
        "test_claims_views.py::test_highest_score_wins_and_the_bias_can_overrule_the_best_match",
    ),
    (
        "templates",
        "each linear template outlines its digit, red where ink points to other digits",
        "test_claims_views.py::test_linear_templates_outline_their_digit_against_the_others",
    ),
    (
        "templates",
        "similarity table: ‖w‖·‖x‖·cos θ gives the dot product on the shown digits",
        "test_claims_views.py::test_similarity_table_product_holds_on_the_shown_digits",
    ),
    (
        "templates",
        "the network's input templates are smoother than the linear ones, because of the roughness penalty",
        "test_claims_views.py::test_network_input_templates_are_smoother_and_the_penalty_makes_them_so",
    ),
    (
        "templates",
        "the network's templates are penalised changes to the mean digit kept in [0, 1]",
        "test_claims_views.py::test_network_input_templates_are_changes_kept_in_the_ink_range",
    ),
    (
        "templates",
        "the network figure shares the linear templates' colours, not their scale",
        "test_claims_views.py::test_network_templates_have_their_own_colour_scale",
    ),
    (
        "templates",
        "the network's input gradient changes from image to image",
        "test_claims_views.py::test_network_response_to_ink_changes_from_image_to_image",
    ),
    (
        "notebooks",
        "templates notebook: dot versus cosine ranking without the bias",
        "test_claims_views.py::test_templates_notebook_ranks_by_the_dot_product_alone",
    ),
    (
        "notebooks",
        "templates notebook: the page's split and training give the page's accuracy",
        "test_claims_views.py::test_templates_notebook_reproduces_the_pages_accuracy",
    ),
    (
        "geometry",
        "distance table: ‖w‖·d = z on the shown digits",
        "test_claims_views.py::test_distance_table_product_holds_on_the_shown_digits",
    ),
    (
        "geometry",
        "the cat–dog boundary's numbers hold on the shown digits",
        "test_claims_views.py::test_cat_dog_boundary_holds_on_the_shown_digits",
    ),
    (
        "geometry",
        "a gain on cat turns its boundaries about the meeting point; the dog–bird boundary stays",
        "test_claims_views.py::test_a_gain_on_cat_turns_its_boundaries_about_the_meeting_point",
    ),
    (
        "geometry",
        "scaling W and b by s is dividing the scores by T = 1/s",
        "test_claims_views.py::test_scaling_everything_is_dividing_by_a_temperature",
    ),
    (
        "index",
        "every page from the computation to fc-in-practice ends with exercises; six pages have notebooks",
        "test_claims_weighting.py::test_six_pages_from_the_computation_to_learning_have_notebooks",
    ),
    (
        "index",
        "a score is a signed distance times the length of the class's weight vector",
        "test_claims_weighting.py::test_a_score_is_a_signed_distance_times_the_weight_length",
    ),
    (
        "computation",
        "without the bias, doubling x is halving the softmax temperature",
        "test_claims_weighting.py::test_doubling_x_without_bias_halves_the_softmax_temperature",
    ),
    (
        "computation",
        "the softmax figures show exponentials and probabilities that add up as shown",
        "test_claims_weighting.py::test_the_softmax_figures_show_probabilities_that_add_up",
    ),
    (
        "weighting",
        "with two classes the probability slope is ŷ_j ŷ_m (w_ij − w_im)",
        "test_claims_weighting.py::test_with_two_classes_the_probability_slope_is_a_product_of_both_probabilities",
    ),
    (
        "weighting",
        "the cat score's split adds up as shown",
        "test_claims_weighting.py::test_the_cat_score_split_adds_up_as_shown",
    ),
    (
        "weighting",
        "score_contributions: each panel's terms add up to its score",
        "test_claims_weighting.py::test_the_score_contributions_add_up_as_drawn",
    ),
    (
        "weighting",
        "the iris classifier is trained as the page says (split, loss, penalty, optimiser, steps)",
        "test_claims_weighting.py::test_the_iris_classifier_is_trained_as_the_page_says",
    ),
    (
        "weighting",
        "setosa is separable, so without a penalty the cross-entropy has no minimum",
        "test_claims_weighting.py::test_setosa_is_separable_so_the_unpenalised_cross_entropy_has_no_minimum",
    ),
    (
        "weighting",
        "the followed flower's contributions and probabilities add up as shown (iris_weights)",
        "test_claims_weighting.py::test_the_followed_flower_adds_up_as_shown",
    ),
    (
        "weighting",
        "strong L2 shrinks W as a whole, not every weight; no zeros (caption too)",
        "test_claims_weighting.py::test_strong_l2_shrinks_w_as_a_whole_but_not_every_weight",
    ),
    (
        "weighting",
        "a smaller W brings the scores closer together",
        "test_claims_weighting.py::test_a_smaller_w_brings_the_scores_closer_together",
    ),
    (
        "weighting",
        "L1: a row of equal weights is ignored and ends as zeros",
        "test_claims_weighting.py::test_l1_puts_a_zero_in_every_row_for_free_and_a_row_of_equal_weights_is_ignored",
    ),
    (
        "weighting",
        "exercise 2: each score moves by its weight; cat becomes less likely",
        "test_claims_weighting.py::test_brightening_pixel_3_moves_each_score_by_its_weight_and_lowers_cat",
    ),
    (
        "notebooks",
        "the weighting notebook reproduces the page's models",
        "test_claims_weighting.py::test_the_weighting_notebook_reproduces_the_pages_models",
    ),
    (
        "why-softmax",
        "quoted ∂L/∂z and probabilities add up as shown",
        "test_claims_learning.py::test_quoted_probabilities_and_gradients_add_up_as_shown",
    ),
    (
        "learning",
        "the step's multipliers add up to zero as shown",
        "test_claims_learning.py::test_the_steps_multipliers_add_up_to_zero_as_shown",
    ),
    (
        "why-softmax",
        "the pages quote vectors rounded to add up",
        "test_claims_learning.py::test_the_pages_quote_the_rounded_to_add_up_values",
    ),
    (
        "why-softmax",
        "softmax_temperature caption: probabilities add up as shown",
        "test_claims_learning.py::test_temperature_caption_probabilities_add_up_to_one",
    ),
    (
        "learning",
        "learning_step caption lists the probabilities; thin arrows",
        "test_claims_learning.py::test_learning_step_caption_is_text_and_its_arrows_are_thin_not_black",
    ),
    (
        "learning",
        "learning_ce_vs_se caption: p − 1, and almost zero, not zero",
        "test_claims_learning.py::test_ce_vs_se_caption_names_p_and_says_almost_zero",
    ),
    (
        "why-softmax",
        "softmax_smooth_max: T·log(1 + exp(t/T)) bounds max(t, 0) and tightens as T falls",
        "test_claims_learning.py::test_smooth_max_caption_formula_is_plain_text_and_right",
    ),
    (
        "learning",
        "epochs by which the loss made 90% and 99% of its drop (caption and page)",
        "test_claims_learning.py::test_templates_caption_says_which_epoch_made_which_share_of_the_drop",
    ),
    (
        "learning",
        "central differences agree within their own error",
        "test_claims_learning.py::test_finite_differences_agree_within_their_own_error",
    ),
    ("learning", "exercise 1: batch gradient shapes", "test_claims_learning.py::test_batch_gradient_shapes"),
    (
        "learning",
        "one step changes the input's scores by −η(‖x‖²+1)(ŷ − e_y)",
        "test_claims_learning.py::test_one_step_changes_the_points_scores_by_the_formula",
    ),
    (
        "why-softmax",
        "the parameter gradients are derived once, on the learning page",
        "test_claims_learning.py::test_the_parameter_gradients_are_derived_once",
    ),
    (
        "learning",
        "the step wiped out the dog class",
        "test_claims_learning.py::test_one_step_wiped_out_the_dog_class",
    ),
    (
        "learning",
        "the figure retrains a classifier of the same form; templates keep growing",
        "test_claims_learning.py::test_training_retrains_a_classifier_of_the_same_form_and_its_templates_keep_growing",
    ),
    (
        "learning",
        "zero template sums come from starting at W = 0, not from the penalty",
        "test_claims_learning.py::test_the_template_sums_come_from_the_start_at_zero_not_from_the_penalty",
    ),
    (
        "learning",
        "exercise 4: decay from a frozen sum changes some predictions",
        "test_claims_learning.py::test_decay_from_a_frozen_sum_changes_predictions",
    ),
    (
        "learning",
        "log(softmax) differentiated automatically gives nan",
        "test_claims_learning.py::test_log_of_softmax_gives_nan_when_differentiated_automatically",
    ),
    (
        "why-softmax",
        "calibration ECEs use the figure's bins; the detail sits in a collapsible note",
        "test_claims_learning.py::test_calibration_detail_uses_the_figures_bins_and_sits_in_a_note",
    ),
    (
        "notebooks",
        "the why-softmax and learning notebooks label the example a cat, counting from 0",
        "test_claims_learning.py::test_notebooks_label_the_example_a_cat_counting_from_zero",
    ),
    (
        "notation",
        "the page lists every symbol the other pages use in their maths",
        "test_claims_losses.py::test_the_notation_page_lists_every_symbol_the_pages_use",
    ),
    (
        "notation",
        "each symbol links to a section that uses it",
        "test_claims_losses.py::test_each_symbol_links_to_a_section_that_uses_it",
    ),
    (
        "notation",
        "both languages list the same symbols, shapes and links",
        "test_claims_losses.py::test_both_languages_list_the_same_symbols_shapes_and_links",
    ),
    (
        "notation",
        "W is n × k, one column per class; z = Wᵀx + b",
        "test_claims_losses.py::test_weights_are_n_by_k_with_one_column_per_class",
    ),
    (
        "notation",
        "d_j is the signed distance to hyperplane j and z_j = ‖w_j‖ d_j",
        "test_claims_losses.py::test_signed_distance_times_length_is_the_score",
    ),
    (
        "notation",
        "a factor s on all classes acts as the temperature T = 1/s",
        "test_claims_losses.py::test_a_common_factor_is_the_temperature_one_over_s",
    ),
    (
        "notation",
        "classes count from 1 on the pages and from 0 in the notebooks' code",
        "test_claims_losses.py::test_classes_count_from_one_on_the_pages_and_from_zero_in_the_notebooks",
    ),
    (
        "learning",
        "hinge and cross-entropy on the worked example's scores (table)",
        "test_claims_losses.py::test_hinge_and_cross_entropy_table",
    ),
    (
        "learning",
        "labelled cat, cat leads by more than Δ: hinge and its gradient are 0",
        "test_claims_losses.py::test_cat_wins_by_more_than_the_margin_so_hinge_is_zero_and_flat",
    ),
    (
        "learning",
        "cross-entropy keeps pushing cat's probability towards 1",
        "test_claims_losses.py::test_cross_entropy_keeps_pushing_cat_towards_one",
    ),
    (
        "learning",
        "labelled dog: hinge is the sum of the terms within the margin",
        "test_claims_losses.py::test_dog_label_hinge_terms",
    ),
    (
        "learning",
        "with a one-hot label, cross-entropy = KL = −log ŷ_y",
        "test_claims_losses.py::test_one_hot_cross_entropy_is_the_kl_divergence",
    ),
    (
        "learning",
        "with a smoothed label, cross-entropy = KL + H(q) > KL",
        "test_claims_losses.py::test_smoothed_label_cross_entropy_is_kl_plus_entropy",
    ),
    (
        "learning",
        "KL and cross-entropy have the same gradients and minimiser",
        "test_claims_losses.py::test_kl_and_cross_entropy_have_the_same_gradient_and_minimiser",
    ),
    (
        "learning",
        "the training loss is convex, strictly in W with λ > 0",
        "test_claims_losses.py::test_the_training_loss_is_convex_and_strongly_so_in_w_with_a_penalty",
    ),
    (
        "learning",
        "two random starts reach the same W",
        "test_claims_losses.py::test_two_random_starts_reach_the_same_weights",
    ),
    (
        "learning",
        "the unpenalised biases end apart by the same amount on every class",
        "test_claims_losses.py::test_unpenalised_biases_end_apart_by_the_same_amount_on_every_class",
    ),
    (
        "learning",
        "setosa against the rest is separable",
        "test_claims_losses.py::test_setosa_against_the_rest_is_separable",
    ),
    (
        "learning",
        "the unpenalised layer gets every training flower right after 2 steps",
        "test_claims_losses.py::test_all_flowers_right_after_two_steps",
    ),
    (
        "learning",
        "scaling a separating layer up lowers the loss",
        "test_claims_losses.py::test_scaling_a_separating_layer_up_always_lowers_the_loss",
    ),
    (
        "learning",
        "without a penalty ‖W‖ grows like log(steps) while the loss falls towards 0",
        "test_claims_losses.py::test_the_weights_grow_like_log_steps_while_the_loss_falls",
    ),
    (
        "weighting",
        "no line starts with a quoted whole number and a full stop; L1 zeroes 8 of the 12 weights",
        "test_claims_weighting.py::test_no_line_of_the_pages_starts_with_a_quoted_number_and_a_full_stop",
    ),
    (
        "weighting",
        "template and hyperplane are glossed where first used",
        "test_claims_weighting.py::test_the_weighting_page_defines_template_and_hyperplane_where_it_first_uses_them",
    ),
    (
        "computation",
        "the table's probabilities are rounded together to add up to 1.00",
        "test_claims_weighting.py::test_the_computation_tables_probabilities_are_rounded_together",
    ),
    (
        "computation",
        "softmax_pipeline's rounded numbers add up to its totals (caption)",
        "test_claims_weighting.py::test_the_pipeline_figures_rounded_numbers_add_up_to_its_totals",
    ),
    (
        "computation",
        "softmax_pipeline labels the sum over l (classes), as the text does",
        "test_claims_weighting.py::test_the_pipeline_figure_sums_over_l_as_the_text_does",
    ),
    (
        "computation",
        "exercise 4: T is the number every score is divided by before softmax",
        "test_claims_weighting.py::test_the_temperature_in_exercise_4_is_the_number_every_score_is_divided_by",
    ),
    (
        "index",
        "the notebooks share their code; only strings and comments are translated",
        "test_claims_weighting.py::test_the_notebooks_share_their_code_and_translate_only_strings_and_comments",
    ),
    (
        "templates",
        "without the penalty the changes are rougher on average, not for every digit",
        "test_claims_views.py::test_without_the_penalty_the_changes_are_rougher_on_average_but_not_for_every_digit",
    ),
    (
        "geometry",
        "table and figure both round the full distances",
        "test_claims_views.py::test_the_figure_and_the_table_round_the_full_distances",
    ),
    (
        "learning",
        "the step's multipliers times the squared length give the shown score change",
        "test_claims_learning.py::test_the_steps_multipliers_times_the_squared_length_give_the_shown_score_change",
    ),
    (
        "learning",
        "the network's L2 penalty pulls its last layer's sum toward zero",
        "test_claims_learning.py::test_the_networks_penalty_pulls_its_last_layers_sum_toward_zero",
    ),
    (
        "learning",
        "exercise 4: weight decay is the L2 penalty, multiplying W by 1 − ηλ each step",
        "test_claims_learning.py::test_weight_decay_in_exercise_4_is_the_l2_penalty_multiplying_w_each_step",
    ),
    (
        "learning",
        "cosine classifiers have no shift freedom",
        "test_claims_learning.py::test_cosine_classifiers_have_no_shift_freedom",
    ),
    (
        "learning",
        "exercise 5: each layer's true cross-entropy",
        "test_claims_learning.py::test_the_softmax_twice_exercise_gives_each_layer_its_own_loss",
    ),
    (
        "why-softmax",
        "the same top-two gap can mean very different top probabilities",
        "test_claims_learning.py::test_the_same_gap_between_the_top_two_scores_can_mean_very_different_probabilities",
    ),
    (
        "why-softmax",
        "the heading's gradient is ŷ − e_y; one-hot is glossed at first use",
        "test_claims_learning.py::test_the_cross_entropy_heading_writes_the_gradient_as_the_page_does_and_one_hot_is_defined",
    ),
    (
        "explained",
        "with the margin no class gathers on its arrow (caption, alt too)",
        "test_claims_explained.py::test_with_the_margin_no_class_gathers_on_its_arrow",
    ),
    (
        "gallery",
        "download links are named by variant, not by one use",
        "test_claims_explained.py::test_the_download_links_name_the_variant_not_one_use",
    ),
    (
        "gallery",
        "every numbered figure is drawn by a script in figures/; notebook plots are not",
        "test_claims_explained.py::test_every_numbered_figure_is_drawn_by_a_script_but_the_notebooks_plots_are_not",
    ),
    (
        "errata",
        "every corrected statement is listed with what the page said and says now",
        "test_errata.py::test_every_correction_is_listed_in_every_language",
    ),
]

#: Claims about other people's work: worded as what the cited paper does or reports.
CITED = [
    ("why-softmax", "Guo et al. 2017 found modern networks over-confident on several benchmarks"),
    ("explained", "SphereFace: normalised weights, no bias, ‖x‖ kept, multiplicative angular margin cos(mθ)"),
    ("explained", "NormFace: normalised weights and features, no bias, learned scale s, no margin"),
    ("explained", "CosFace: normalised, fixed s, s(cos θ_y − m); ArcFace: normalised, fixed s, s cos(θ_y + m)"),
    ("explained", "margins help when the features move (deep networks), as those papers report"),
    ("fc-in-practice", "fully convolutional networks (Long et al. 2015) turn FC heads into convolutions"),
    (
        "learning",
        "the multiclass hinge loss in the form of Weston and Watkins (1999), as the CS231n notes use it with Δ = 1",
    ),
    ("learning", "Soudry et al. (2018) prove that on separable data gradient descent's weights grow like log(steps)"),
]

PAGES = {p.name.removesuffix(".md") for p in (ROOT / "docs").glob("*.md") if not p.name.endswith(".zh.md")}


def test_the_claim_list_names_real_pages_and_tests():
    here = {name for name in globals() if name.startswith("test_")}
    for page, claim, test in CLAIMS:
        assert page in PAGES | {"notebooks"}, page
        if "::" in test:
            file, name = test.split("::")
            assert re.search(rf"^def {name}\(", (ROOT / "tests" / file).read_text(), re.M), test
        else:
            assert test in here, (claim, test)


# ---------------------------------------------------------------- weighting


def test_cat_template_matches_the_bright_pixels():
    brightest = set(np.argsort(EX.x)[-2:])
    assert brightest == {0, 3}
    assert set(np.argsort(EX.W[:, 0])[-2:]) == brightest and (EX.W[[0, 3], 0] > 0).all()
    assert np.argmax(EX.z) == 0


def test_dog_score_is_mostly_bias():
    features = EX.contributions[:, 1].sum()
    assert EX.b[1] > abs(features) and EX.b[1] > EX.z[1] / 2


def _numeric_probability_gradient(x, W, b, h=1e-6):
    return np.array(
        [
            (maths.softmax(maths.linear(x + h * e, W, b)) - maths.softmax(maths.linear(x - h * e, W, b))) / (2 * h)
            for e in np.eye(len(x))
        ]
    )


def test_probability_gradient_formula_and_two_class_sign():
    rng = np.random.default_rng(1)
    x, W, b = rng.normal(size=4), rng.normal(size=(4, 3)), rng.normal(size=3)
    assert np.allclose(maths.probability_gradient(x, W, b), _numeric_probability_gradient(x, W, b), atol=1e-8)
    W2, b2 = W[:, :2], b[:2]
    g = maths.probability_gradient(x, W2, b2)
    assert np.array_equal(np.sign(g[:, 0]), np.sign(W2[:, 0] - W2[:, 1]))


def test_iris_weight_sign_is_not_the_probability_sign():
    d, m = models.iris(), models.iris_model()
    x = d.X_test[models.iris_flower()]
    g = maths.probability_gradient(x, m.W, m.b)
    p = m.predict_proba(x)
    assert m.W[1, 1] < 0 < g[1, 1]  # sepal width, versicolor
    assert m.W[0, 1] > 0 > g[0, 1]  # sepal length, versicolor
    # The page's explanation: setosa favours wide sepals but holds almost nothing; virginica loses more and holds a lot.
    assert m.W[1, 0] == m.W[1].max() and p[0] < 0.01
    assert m.W[1, 2] < m.W[1, 1] and p[2] > 0.3


def test_iris_disagreements_exist_as_counted():
    d, m = models.iris(), models.iris_model()
    grads = np.array([maths.probability_gradient(x, m.W, m.b) for x in d.X_test])
    disagree = np.sign(grads) != np.sign(m.W)[None]
    assert 0 < disagree.sum() == int(values.lookup("iris.grad.cells_disagree"))
    negative_up = ((grads > 0) & (m.W[None] < 0)).any(axis=(1, 2)).sum()
    assert negative_up == int(values.lookup("iris.grad.flowers_negative_up")) > 0


def test_iris_l2_rows_add_up_to_zero():
    for penalty in ("weak", "l2"):
        assert np.abs(models.iris_model(penalty).W.sum(axis=1)).max() < 1e-3


def test_iris_field_guide():
    W = models.iris_model().W
    for petal in (2, 3):
        assert W[petal, 0] == W[petal].min() < 0 < W[petal, 2] == W[petal].max()
    assert W[1, 0] == W[1].max() > 0


def test_iris_origin_is_the_average_flower():
    d, m = models.iris(), models.iris_model()
    assert np.allclose(d.X_train.mean(axis=0), 0, atol=1e-12)
    origin = maths.softmax(m.b)
    assert np.allclose(origin, m.predict_proba(np.zeros(4)))
    assert values.lookup("iris.origin.species", "en") == models.IRIS_SPECIES["en"][int(np.argmax(origin))]
    shown = [float(values.lookup(f"iris.origin.p.{j}")) for j in range(3)]
    assert abs(sum(shown) - 1) < 1e-9  # the shown digits add up to 1 as shown


def test_l1_zero_rows_are_what_counts():
    W = models.iris_model("l1").W
    assert ((W == 0).sum(axis=1) >= 1).all()  # every row has its free zero
    zero_rows = np.flatnonzero((W == 0).all(axis=1))
    assert list(zero_rows) == [0]  # sepal length, as the page and the caption name it
    spread = W.max(axis=1) - W.min(axis=1)
    assert spread[[2, 3]].min() > spread[[0, 1]].max()


# ---------------------------------------------------------------- templates


def test_the_hidden_layer_network_beats_the_linear_templates():
    d = models.digits()
    assert models.digits_mlp().accuracy(d.X_test, d.y_test) > models.digits_model().accuracy(d.X_test, d.y_test)


# ---------------------------------------------------------------- geometry


def _cat_area(W, b):
    _, _, grid = window_grid()
    return np.mean(np.argmax(maths.linear(grid, W, b), axis=1) == 0)


def test_a_per_class_gain_moves_the_boundaries():
    base = _cat_area(TOY.W, TOY.b)
    low, high = min(SCALES), max(SCALES)
    assert _cat_area(*scaled(TOY, 0, high)) > base > _cat_area(*scaled(TOY, 0, low))
    for s in (low, high):
        changes = class_changes(TOY, *scaled(TOY, 0, s))
        assert changes["plane"] > 0.01 and changes["points"] >= 1


def test_a_per_class_gain_depends_on_which_equivalent_layer_it_scales():
    """geometry: "These numbers belong to this layer, whose columns add up to zero … Adding the
    same vector to every w_j gives a layer that predicts exactly the same …, but the same gain
    on that layer gives other regions." The shift is the geometry widget's "add the same vector"."""
    from lastlayer import widgets

    W, b = TOY.W, TOY.b
    assert np.allclose(W.sum(axis=1), 0, atol=1e-9) and abs(b.sum()) < 1e-9
    _, _, grid = window_grid()
    shifted = W + np.array(widgets._geometry_data("en")["common"])[:, None]
    assert np.array_equal(np.argmax(maths.linear(grid, shifted, b), 1), np.argmax(maths.linear(grid, W, b), 1))
    high = max(SCALES)
    gained, gained_shifted = W.copy(), shifted.copy()
    b_gained = b.copy()
    gained[:, 0] *= high
    gained_shifted[:, 0] *= high
    b_gained[0] *= high
    one = np.argmax(maths.linear(grid, gained, b_gained), 1)
    other = np.argmax(maths.linear(grid, gained_shifted, b_gained), 1)
    assert np.mean(one != other) > 0.01


def test_a_global_scale_moves_no_boundary():
    cat = []
    for s in SCALES:
        changes = class_changes(TOY, *scaled_all(TOY, s))
        assert changes["plane"] == 0 and changes["points"] == 0
        cat.append(maths.softmax(maths.linear(TOY.query, *scaled_all(TOY, s)))[0])
    assert all(a < b for a, b in itertools.pairwise(cat))


def test_decision_regions_are_convex():
    rng = np.random.default_rng(2)
    points = rng.uniform(-3.6, 3.6, size=(400, 2))
    labels = np.argmax(maths.linear(points, TOY.W, TOY.b), axis=1)
    for i, j in rng.integers(0, 400, size=(2000, 2)):
        if labels[i] == labels[j]:
            mid = (points[i] + points[j]) / 2
            assert np.argmax(maths.linear(mid, TOY.W, TOY.b)) == labels[i]


# ---------------------------------------------------------------- why softmax


def test_parameter_gradients_and_one_step():
    y, h, eta = 0, 1e-6, 0.1
    grad_W, grad_b = maths.cross_entropy_param_grads(EX.x, EX.W, EX.b, y)
    assert grad_W.shape == EX.W.shape and grad_b.shape == EX.b.shape
    numeric = np.zeros_like(EX.W)
    for idx in np.ndindex(EX.W.shape):
        E = np.zeros_like(EX.W)
        E[idx] = h
        numeric[idx] = (
            maths.cross_entropy(maths.linear(EX.x, EX.W + E, EX.b), y)
            - maths.cross_entropy(maths.linear(EX.x, EX.W - E, EX.b), y)
        ) / (2 * h)
    assert np.allclose(grad_W, numeric, atol=1e-7)
    step = maths.linear(EX.x, EX.W - eta * grad_W, EX.b - eta * grad_b) - EX.z
    assert np.allclose(step, -eta * (EX.x @ EX.x + 1) * (EX.probs - np.eye(3)[y]))
    assert step[y] > 0 and (step[1:] < 0).all()


def test_half_split_temperature_overshoots():
    study = models.calibration_study()
    assert study["gap_before"] > 0 > study["gap_after"]  # under-confident, then over-confident
    assert study["T"] < 1 and study["ece_after"] < study["ece_before"]
    d = models.digits()
    scores = models.digits_model().scores(d.X_test)
    assert np.array_equal(scores.argmax(1), (scores / study["T"]).argmax(1))


def test_temperature_is_uncertain():
    study = models.calibration_study()
    assert abs(study["T_other"] - study["T"]) > 0.1
    assert study["T_low"] < study["T_high"] < 1
    assert study["cv_T_min"] <= study["cv_T_max"] < 1


def test_cross_validated_temperature_helps():
    study = models.calibration_study()
    assert study["cv_ece_after"] < study["cv_ece_before"]
    assert abs(study["cv_gap_after"]) < study["cv_gap_before"]


# ---------------------------------------------------------------- what the views explain


def test_weight_decay_is_not_only_a_temperature():
    study = models.decay_study()
    assert study["cosine"][-1] < 0.9  # the templates turn
    assert all(a > b for a, b in itertools.pairwise(study["bias"]))  # the unpenalised bias shrinks too
    assert study["agree"][-1] < 0.95
    assert study["accuracy"][-1] < study["accuracy"][0]


def test_a_global_scale_keeps_cosine_agreement_and_accuracy():
    d = models.digits()
    m = models.digits_decay(models.DECAYS[0])
    shrunk = models.SoftmaxModel(W=m.W / 10, b=m.b / 10)
    assert np.allclose(np.sum(models.unit(shrunk.W, 0) * models.unit(m.W, 0), axis=0), 1)
    assert np.array_equal(shrunk.predict(d.X_test), m.predict(d.X_test))


def test_confidence_falls_faster_than_accuracy():
    study = models.decay_study()
    confidence_drop = study["confidence"][0] - study["confidence"][-1]
    accuracy_drop = study["accuracy"][0] - study["accuracy"][-1]
    assert confidence_drop > 5 * accuracy_drop


def test_feature_length_is_a_per_input_temperature():
    W = EX.W
    norms = np.linalg.norm(W, axis=0)
    cos = EX.x @ W / (norms * np.linalg.norm(EX.x))
    assert np.allclose(EX.x @ W + EX.b, norms * np.linalg.norm(EX.x) * cos + EX.b)
    for s in (0.5, 3.0):  # a longer feature: same winner, sharper softmax (b = 0)
        p, q = maths.softmax(EX.x @ W), maths.softmax(s * EX.x @ W)
        assert p.argmax() == q.argmax() and (q.max() > p.max()) == (s > 1)


def test_normalised_boundaries_are_bisectors():
    rng = np.random.default_rng(4)
    Wn = models.unit(rng.normal(size=(2, 3)), axis=0)
    bisector = models.unit(Wn[:, 0] + Wn[:, 1])
    assert np.isclose(bisector @ Wn[:, 0], bisector @ Wn[:, 1])  # a point on the bisector ties the two classes


# ---------------------------------------------------------------- notebooks


def test_notebook_colours_are_the_sites():
    mine = ("computation", "weighting", "templates", "geometry", "why-softmax")
    notebooks = sorted(p for p in (ROOT / "docs" / "notebooks").glob("*.py") if p.name.split(".")[0] in mine)
    for path in notebooks:
        text = path.read_text(encoding="utf-8")
        for colours in re.findall(r"CLASS_COLOURS = \[([^\]]*)\]", text):
            assert [c.strip().strip('"') for c in colours.split(",")] == list(style.CLASS_COLORS[:3]), path.name
        assert "#0072B2" not in text, f"{path.name}: not a class colour of the site"
    drawn = [
        p
        for p in notebooks
        if "plt." in p.read_text(encoding="utf-8") and "CLASS_COLOURS" in p.read_text(encoding="utf-8")
    ]
    assert len(drawn) >= 6  # computation, geometry and why-softmax in both languages


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_content_page_is_covered(page):
    assert page in {p for p, _, _ in CLAIMS} | {p for p, _ in CITED}


@pytest.mark.build
def test_chinese_interface_text_is_chinese(site):
    html = (site / "zh" / "index.html").read_text(encoding="utf-8")
    assert "切换到深色模式" in html and "切换到浅色模式" in html
    assert "Switch to dark mode" not in html
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert description and re.search(r"[\u4e00-\u9fff]", description[1])


def test_the_generated_snippet_speaks_the_pages_language():
    zh, en = values.code_block("dense_forward", "zh"), values.code_block("dense_forward", "en")
    assert "features" in en and "features" not in zh and "个特征" in zh
    strip = re.compile(r"#.*")
    assert strip.sub("", values.dense_forward_snippet("zh")) == strip.sub("", values.dense_forward_snippet("en"))


def test_reliability_diagram_data():
    """The reliability diagram: cross-validated predictions on every digit, equal-count bins;
    the page says under-confident before, and that fold-wise temperature scaling helps."""
    study = models.crossval_calibration()
    assert study["n"] == 1797
    for key in ("before", "after"):
        counts = study[f"reliability_{key}"]["count"]
        assert counts.sum() == study["n"] and counts.max() - counts.min() <= 1
    assert (
        study["gap_before"] > 0
        and (study["reliability_before"]["accuracy"] >= study["reliability_before"]["confidence"]).all()
    )
    assert study["ece_after"] < study["ece_before"] and abs(study["gap_after"]) < study["gap_before"]
    assert study["T"].max() < 1
    after = study["probs_after"].argmax(1)
    assert np.array_equal(after, study["probs_before"].argmax(1))  # scaling keeps every prediction


def test_a_margin_packs_moving_features():
    """cosine_margin and the explained page: when the features can move, the margin closes each
    class (its largest angle to its direction falls), and no feature is left inside the band."""
    toy = toy2d()

    def spread_and_band(m):
        phi, W = models.cosine_free_features(toy.X, toy.y, margin=m)
        features = np.c_[np.cos(phi), np.sin(phi)]
        cos = features @ W
        own = cos[np.arange(len(toy.y)), toy.y]
        best_other = np.where(np.eye(3, dtype=bool)[toy.y], -np.inf, cos).max(axis=1)
        angle = np.degrees(np.arccos(np.clip(own, -1, 1))).max()
        return angle, np.mean(own - best_other < models.COSFACE_MARGIN), np.mean(own > best_other)

    plain, with_margin = spread_and_band(0.0), spread_and_band(models.COSFACE_MARGIN)
    assert with_margin[0] < plain[0]
    assert with_margin[1] == 0
    assert plain[2] == with_margin[2] == 1.0
