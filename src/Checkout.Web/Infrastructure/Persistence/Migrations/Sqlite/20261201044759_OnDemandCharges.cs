using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Checkout.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OnDemandCharges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OnDemandCharges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AmountMinorUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    RideReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AcquirerPaymentId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PaymentTransactionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PurchaseJourneyUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnDemandCharges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OnDemandCharges_AcquirerPaymentId",
                table: "OnDemandCharges",
                column: "AcquirerPaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_OnDemandCharges_CustomerId",
                table: "OnDemandCharges",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_OnDemandCharges_IdempotencyKey",
                table: "OnDemandCharges",
                column: "IdempotencyKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OnDemandCharges");
        }
    }
}
