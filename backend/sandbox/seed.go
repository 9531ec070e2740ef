package sandbox

import (
	"strings"
	"time"
)

// The seed data is one user with three organizations and eight projects.
// Values follow the formats that Supabase returns: 20-letter lowercase
// project refs, AWS region codes, Supabase Postgres version strings and
// statuses from the API's enums. Tests rely on its shape: acme-studio has
// four projects, one of them INACTIVE, and northwind-labs has one project
// that is COMING_UP.

func seedProfile() Profile {
	return Profile{
		GotrueID:     "3b1f5e2a-9c4d-4e8f-a6b7-2d9c0e1f4a53",
		PrimaryEmail: "dev@acme-studio.example",
		Username:     "sandbox-dev",
	}
}

func seedOrganizations() []Organization {
	return []Organization{
		{
			ID:                     "kfqzbrmwtlxnvdpyhsgc",
			Slug:                   "acme-studio",
			Name:                   "Acme Studio",
			Plan:                   "pro",
			OptInTags:              []string{"AI_SQL_GENERATOR_OPT_IN"},
			AllowedReleaseChannels: []string{"ga", "preview"},
		},
		{
			ID:                     "wbnxeqtmcrhvjlzpagfo",
			Slug:                   "northwind-labs",
			Name:                   "Northwind Labs",
			Plan:                   "free",
			OptInTags:              []string{},
			AllowedReleaseChannels: []string{"ga"},
		},
		{
			ID:                     "pjhtrvlcnzxqmbwesdka",
			Slug:                   "pixel-garden",
			Name:                   "Pixel Garden",
			Plan:                   "team",
			OptInTags:              []string{"AI_SQL_GENERATOR_OPT_IN", "AI_LOG_GENERATOR_OPT_IN"},
			AllowedReleaseChannels: []string{"ga", "preview"},
		},
	}
}

func seedProjects() []Project {
	return []Project{
		seedProject("hqvzkfmbrtplxcwnadje", "Acme Web", "acme-studio", "us-east-1",
			"ACTIVE_HEALTHY", "2024-02-12T09:14:27Z", "15.8.1.085", "micro"),
		seedProject("tnwbqzxrjcvlmhgkdfpa", "Acme Mobile API", "acme-studio", "eu-central-1",
			"ACTIVE_HEALTHY", "2024-06-03T16:42:05Z", "15.8.1.085", "small"),
		seedProject("ybmcrkqzvwxtlpnhfdgs", "Acme Staging", "acme-studio", "us-west-1",
			"INACTIVE", "2023-11-20T11:05:48Z", "15.6.1.146", "micro"),
		seedProject("fsjwqnrbtkxvzmclhpdg", "Marketing Site", "acme-studio", "eu-west-2",
			"ACTIVE_HEALTHY", "2025-01-08T08:30:00Z", "17.4.1.054", "nano"),
		seedProject("lrxqtvbnzkcmwjhpfgda", "Northwind CRM", "northwind-labs", "eu-west-2",
			"ACTIVE_HEALTHY", "2024-09-17T13:21:36Z", "15.8.1.085", "nano"),
		seedProject("cvzmpwqtbnxkrlhjdfsg", "Inventory Sync", "northwind-labs", "ap-southeast-1",
			"COMING_UP", "2025-03-02T07:55:12Z", "17.4.1.054", "nano"),
		seedProject("gxwtnqzbvkmcrlphjdsf", "Garden Shop", "pixel-garden", "ap-northeast-1",
			"ACTIVE_HEALTHY", "2024-04-25T22:10:03Z", "15.8.1.085", "medium"),
		seedProject("mzkqbxwtvnrcplhjgdfa", "Garden Analytics", "pixel-garden", "sa-east-1",
			"ACTIVE_HEALTHY", "2024-12-01T18:47:59Z", "15.8.1.085", "small"),
	}
}

// seedProject builds a project on AWS whose database status follows the
// project status. createdAt is in RFC 3339 format, and version is a
// Supabase Postgres version whose first number is the engine.
func seedProject(ref, name, org, region, status, createdAt, version, computeSize string) Project {
	created, err := time.Parse(time.RFC3339, createdAt)
	if err != nil {
		panic("sandbox: invalid seed timestamp " + createdAt)
	}
	engine, _, _ := strings.Cut(version, ".")

	return Project{
		Ref:              ref,
		Name:             name,
		OrganizationSlug: org,
		Region:           region,
		CloudProvider:    "AWS",
		Status:           status,
		CreatedAt:        created,
		Database: Database{
			Version:        version,
			PostgresEngine: engine,
			ReleaseChannel: "ga",
			ComputeSize:    computeSize,
			Status:         databaseStatus(status),
		},
	}
}

// databaseStatus returns the database status that goes with a project
// status. The database enum has no INACTIVE, and a paused project's
// database reports UNKNOWN here. A project that failed to initialize has a
// database that failed too.
// NOTE: UNKNOWN for a paused project's database is a guess, not a
// recorded Supabase response.
func databaseStatus(projectStatus string) string {
	switch projectStatus {
	case "ACTIVE_HEALTHY", "COMING_UP", "INIT_FAILED":
		return projectStatus
	default:
		return "UNKNOWN"
	}
}
