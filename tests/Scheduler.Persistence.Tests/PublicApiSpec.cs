using Scheduler.TestKit;

namespace Scheduler.Persistence.Tests;

public sealed class PublicApiSpec
{
    [Fact]
    public void The_public_surface_of_persistence_is_the_approved_one() =>
        ApiSurface.Verify(typeof(PersistentActor).Assembly, "PublicApi.approved.txt");

    [Fact]
    public void The_public_surface_of_sql_persistence_is_the_approved_one() =>
        ApiSurface.Verify(typeof(Scheduler.Persistence.Sql.SqlJournal).Assembly, "PublicApi.Sql.approved.txt");
}
