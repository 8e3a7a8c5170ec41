using Robot.Firmware.Runtime;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;

namespace Robot.Hil.Running;

/// <summary>
/// The scenario's operator, on the firmware's own clock: its requests (arm, clear, disarm), each once
/// at its time (looked at every 10 ms), and the ground station's page sending the drive profile's
/// velocity every send_every_s until stop_sending_s.
/// </summary>
public sealed class ScriptedOperator(Scenario scenario, SimulatedRig rig) : IOperator
{
    public IDisposable Start(BalanceRobot robot, CancellationTokenSource stop) => new Timers([Operate(robot), SendCommands(robot)]);

    IDisposable? Operate(BalanceRobot robot)
    {
        if (scenario.Operator.Length == 0) return null;
        var ordered = scenario.Operator.OrderBy(s => s.Time).ToArray();
        int next = 0;
        return rig.Clock.Every(10_000_000, now =>
        {
            double t = now / 1e9 - rig.Origin;
            for (; next < ordered.Length && ordered[next].Time <= t; next++)
            {
                switch (ordered[next].Action)
                {
                    case OperatorAction.Arm: robot.RequestArm(); break;
                    case OperatorAction.Clear: robot.RequestClearFault(); break;
                    case OperatorAction.Disarm: robot.RequestDisarm(); break;
                }
            }
        });
    }

    IDisposable? SendCommands(BalanceRobot robot)
    {
        if (scenario.Drive is not DriveProfile drive) return null;
        return rig.Clock.Every((long)(drive.SendEvery * 1e9), now =>
        {
            double t = now / 1e9 - rig.Origin;
            if (t < drive.StopSending) robot.Command.TrySet(drive.TargetAt(t), now);
        });
    }

    sealed class Timers(IDisposable?[] timers) : IDisposable
    {
        public void Dispose()
        {
            foreach (var timer in timers) timer?.Dispose();
        }
    }
}
