using Robot.Trainer.Cli;

return TrainerCli.Invoke(args);
