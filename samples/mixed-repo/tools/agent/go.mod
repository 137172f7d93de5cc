module example.com/inventory/agent

go 1.19

require (
	example.com/Acme/Colors v1.2.0
	example.com/units/v2 v2.0.1
	gopkg.in/example/strutil.v2 v2.1.0
)
