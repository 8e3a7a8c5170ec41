namespace Robot.Firmware.Runtime;

/// <summary>A person typing commands, a line each: arm, disarm, clear, quit.</summary>
public sealed class ConsoleOperator(TextReader commands, TextWriter console) : IOperator
{
    public IDisposable Start(BalanceRobot robot, CancellationTokenSource stop)
    {
        new Thread(() => Read(robot, stop)) { IsBackground = true, Name = "commands" }.Start();
        return Stopped.Instance; // a blocked console read cannot be interrupted; the thread is a background one
    }

    void Read(BalanceRobot robot, CancellationTokenSource stop)
    {
        while (commands.ReadLine() is string line)
        {
            switch (line.Trim().ToLowerInvariant())
            {
                case "arm": robot.RequestArm(); break;
                case "disarm": robot.RequestDisarm(); break;
                case "clear": robot.RequestClearFault(); break;
                case "quit" or "q": stop.Cancel(); return;
                case "": break;
                default: console.WriteLine($"unknown command '{line.Trim()}': arm, disarm, clear, quit"); break;
            }
        }
    }

    sealed class Stopped : IDisposable
    {
        public static readonly Stopped Instance = new();
        public void Dispose() { }
    }
}
