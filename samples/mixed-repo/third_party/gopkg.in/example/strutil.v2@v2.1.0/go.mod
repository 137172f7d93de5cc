module gopkg.in/example/strutil.v2

go 1.19
