using Robot.Firmware.Safety;
using Robot.Observation;

namespace Robot.Firmware.Runtime;

/// <summary>
/// Bring-up's steps on the stand and on the floor, as the commands a session reads (arm, clear,
/// quit): each step waits for the person's Enter and goes on only when the one before passed.
/// On the stand the direction pulse must spin the free wheel forward and the firmware must see it
/// in the air (wheel_lifted) and never reach Running; only then is the robot armed on the floor.
/// After that the person's own commands follow, as in `run`.
/// </summary>
public sealed class BringupDialogue(BalanceRobot robot, TextReader person, TextWriter console) : TextReader
{
    /// <summary>How long arming on the stand may take to end in a verdict, s.</summary>
    public static readonly TimeSpan StandVerdictTimeout = TimeSpan.FromSeconds(3);

    int _step;

    /// <summary>Why a step failed (the session then ended), or null.</summary>
    public string? Failure { get; private set; }

    public override string? ReadLine()
    {
        switch (_step++)
        {
            case 0:
                console.WriteLine();
                console.WriteLine("2/3 on the stand: put the robot on its stand, wheel free, body still; e-stop within reach. Press Enter to arm: " +
                    "the wheel gets one short forward kick and the firmware must see it spin in the air.");
                return person.ReadLine() is null ? "quit" : "arm";
            case 1:
                Failure = JudgeStand();
                if (Failure is not null)
                {
                    console.WriteLine();
                    console.WriteLine($"bring-up FAILED on the stand: {Failure}");
                    return "quit";
                }
                console.WriteLine();
                console.WriteLine($"stand passed: the kick turned the wheel forward ({robot.Controller.DirectionPulseCounts} counts) and wheel_lifted cut it.");
                console.WriteLine("3/3 on the floor: wheel on the ground, hold the robot upright by its body and press Enter; " +
                    "let go when the motor takes over. Then: disarm, arm, clear or quit, as in run.");
                return person.ReadLine() is null ? "quit" : "clear";
            case 2:
                return "arm";
            default:
                return person.ReadLine();
        }
    }

    /// <summary>Waits for arming on the stand to end; null when it ended as it must.</summary>
    string? JudgeStand()
    {
        var limits = robot.Supervisor.Limits;
        var deadline = DateTime.UtcNow + StandVerdictTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var state = robot.Supervisor.State;
            if (state == SupervisorState.Running)
            {
                robot.Motor.Cut();
                return "the robot reached Running on the stand: the free wheel was not seen in the air. Is it on a stand, wheel free? " +
                    "Is the IMU screwed down? Do not go on to the floor.";
            }
            if (state == SupervisorState.Faulted)
            {
                var faults = robot.Faults;
                int counts = robot.Controller.DirectionPulseCounts;
                if (faults.Has(FaultCause.WheelLifted))
                    return counts >= limits.DirectionMinCounts ? null
                        : counts <= -limits.DirectionMinCounts
                            ? $"the kick turned the wheel backward ({counts} counts): swap the motor leads (or motor.in1_pin and motor.in2_pin); " +
                              "step 1 showed the encoder counting forward with the wheel, so the motor is the reversed one"
                            : $"the kick turned the wheel only {counts} counts: check the motor's supply and the driver's enable";
                var first = faults.First;
                return $"FAULT {FaultNames.Of(first.Cause)}: {first.Detail} (docs/deploy.md, \"When it faults: what to check\")";
            }
            if (robot.Supervisor.ArmRefusal is string refusal) return "arming refused: " + refusal;
            Thread.Sleep(10);
        }
        return $"no verdict within {StandVerdictTimeout.TotalSeconds:F0} s of arming (state {robot.Supervisor.State})";
    }
}
