using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Checkout.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PortalLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PortalLinks",
                columns: table => new
                {
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProtectedPath = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalLinks", x => x.IdempotencyKey);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckoutSessions_OpenExpiresAt",
                table: "CheckoutSessions",
                column: "ExpiresAt",
                filter: "\"Status\" = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PortalLinks");

            migrationBuilder.DropIndex(
                name: "IX_CheckoutSessions_OpenExpiresAt",
                table: "CheckoutSessions");
        }
    }
}
