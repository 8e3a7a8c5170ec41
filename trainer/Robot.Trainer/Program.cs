using Robot.Trainer.Cli;
using Robot.Trainer.Training;

// Before libtorch allocates anything: its large buffers stay in the heap (NativeHeap says why).
NativeHeap.KeepFreedBuffers();

return TrainerCli.Invoke(args);
