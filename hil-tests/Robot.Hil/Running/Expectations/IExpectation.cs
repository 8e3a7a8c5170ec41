namespace Robot.Hil.Running.Expectations;

/// <summary>
/// One thing a scenario can require of a run (a field of its expect section), judged from the run's
/// record into named checks, as each safety check judges one failure mode. <see cref="ExpectationSet"/>
/// picks those a scenario asks for.
/// </summary>
public interface IExpectation
{
    IEnumerable<HilCheck> Judge(RunRecord run);
}
