module example.com/units/v2

go 1.16

require gopkg.in/example/strutil.v2 v2.0.0
