module mapdump

go 1.19
