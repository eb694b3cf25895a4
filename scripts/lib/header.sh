# Sourced by the scripts whose --help is their header comment.

# Prints the comment block that opens the script $1, after its #! line, without the comment marks, and stops at its
# first line of code: the help is the header, so the two never differ, and no code is printed with it.
print_header() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"
}
