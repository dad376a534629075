# Runs NHSRplotthedots' own XmR code on the reference series (see run_nhsrplotthedots.py, which writes
# the input and reads the output). Arguments: the folder holding the package's R/ptd_spc_standard.R and
# R/ptd_calculate_point_type.R at the pinned commit, the input CSV and the output CSV.
#
# ptd_spc() itself also validates its options, turns dates into datetimes and adds warnings; what it
# computes is ptd_spc_standard() followed by ptd_calculate_point_type(), called here in the same way.
suppressPackageStartupMessages({
  library(dplyr)
  library(rlang) # %||%, which ptd_spc_standard uses
})

# The package's code uses case_when(.default = ...), from dplyr 1.1.0; where an older dplyr is installed
# (Debian 12 has 1.0.10) the same meaning is given by a last case TRUE ~ value.
if (utils::packageVersion("dplyr") < "1.1.0") {
  original_case_when <- dplyr::case_when
  case_when_with_default <- function(..., .default = NULL) {
    if (is.null(.default)) {
      return(original_case_when(...))
    }
    original_case_when(..., rlang::new_formula(TRUE, .default))
  }
  utils::assignInNamespace("case_when", case_when_with_default, "dplyr")
}

args <- commandArgs(trailingOnly = TRUE)
source(file.path(args[[1]], "ptd_spc_standard.R"))
source(file.path(args[[1]], "ptd_calculate_point_type.R"))

input <- read.csv(args[[2]], stringsAsFactors = FALSE)
out <- list()
for (name in unique(input$case)) {
  d <- input[input$case == name, ]
  d <- d[order(d$i), ]
  fix <- d$fix_after_n_points[[1]]
  options <- list(
    value_field = "y", date_field = "x", facet_field = NULL, trajectory = NULL,
    fix_after_n_points = if (is.na(fix)) NULL else fix,
    screen_outliers = as.logical(d$screen_outliers[[1]])
  )
  data <- data.frame(x = as.Date("2020-01-01") + d$i, y = as.double(d$y), rebase = d$rebase)
  r <- ptd_spc_standard(data, options)
  r <- ptd_calculate_point_type(r, d$improvement_direction[[1]])
  out[[name]] <- data.frame(
    case = name, i = d$i, rebase_group = r$rebase_group,
    mean = sprintf("%.17g", r$mean_col), lpl = sprintf("%.17g", r$lpl), upl = sprintf("%.17g", r$upl),
    point_type = r$point_type
  )
}
write.csv(do.call(rbind, out), args[[3]], row.names = FALSE)
