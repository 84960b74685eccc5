package main

import (
	"os"
	"runtime"
	"runtime/pprof"
)

func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { stopCPUProfile(); f.Close() }, nil
}

// stopCPUProfile ends the CPU profile if one runs; the bench ends it after R.
func stopCPUProfile() { pprof.StopCPUProfile() }

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	runtime.GC()
	return pprof.WriteHeapProfile(f)
}
