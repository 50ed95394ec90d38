using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Checkout.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RenewalsInFlightIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionRenewals_InFlight",
                table: "SubscriptionRenewals",
                column: "NextAttemptAt",
                filter: "\"InFlightKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SubscriptionRenewals_InFlight",
                table: "SubscriptionRenewals");
        }
    }
}
