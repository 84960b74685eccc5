// Command etcd is the etcd server, built from go.etcd.io/etcd/server/v3 as a module
// dependency: `go install go.etcd.io/etcd/v3` refuses the replace directives in etcd's own
// go.mod, so this wrapper holds the main function instead.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
