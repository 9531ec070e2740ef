package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// awsRegion is one AWS region in which projects can be created.
type awsRegion struct {
	code  string // AWS region code, such as us-east-1
	name  string // the name Supabase shows, such as "East US (North Virginia)"
	group string // smart group code: americas, emea or apac

	// capacity marks a region that is short of capacity. Projects can
	// still be created there.
	capacity bool
}

// smartGroup is a group of regions in which Supabase picks one.
type smartGroup struct {
	code        string
	name        string
	defaultCode string   // the region picked for a new project
	recommended []string // region codes recommended for the group
	continents  []string // continent codes of the continent parameter
}

// awsRegions are the regions of the region_selection enum of
// V1CreateProjectBody.
var awsRegions = []awsRegion{
	{code: "us-east-1", name: "East US (North Virginia)", group: "americas"},
	{code: "us-east-2", name: "East US (Ohio)", group: "americas"},
	{code: "us-west-1", name: "West US (North California)", group: "americas"},
	{code: "us-west-2", name: "West US (Oregon)", group: "americas"},
	{code: "ca-central-1", name: "Canada (Central)", group: "americas"},
	{code: "sa-east-1", name: "South America (São Paulo)", group: "americas"},
	{code: "eu-west-1", name: "West EU (Ireland)", group: "emea"},
	{code: "eu-west-2", name: "West EU (London)", group: "emea"},
	{code: "eu-west-3", name: "West EU (Paris)", group: "emea"},
	{code: "eu-north-1", name: "North EU (Stockholm)", group: "emea"},
	{code: "eu-central-1", name: "Central EU (Frankfurt)", group: "emea"},
	{code: "eu-central-2", name: "Central EU (Zurich)", group: "emea"},
	{code: "ap-south-1", name: "South Asia (Mumbai)", group: "apac"},
	{code: "ap-southeast-1", name: "Southeast Asia (Singapore)", group: "apac"},
	{code: "ap-southeast-2", name: "Oceania (Sydney)", group: "apac"},
	{code: "ap-northeast-1", name: "Northeast Asia (Tokyo)", group: "apac"},
	{code: "ap-northeast-2", name: "Northeast Asia (Seoul)", group: "apac"},
	{code: "ap-east-1", name: "East Asia (Hong Kong)", group: "apac", capacity: true},
}

// smartGroups are the smart groups of the region_selection enum, the
// first being the default recommendation.
var smartGroups = []smartGroup{
	{code: "americas", name: "Americas", defaultCode: "us-east-1",
		recommended: []string{"us-east-1", "us-east-2"}, continents: []string{"NA", "SA", "AN"}},
	{code: "emea", name: "Europe, Middle East and Africa", defaultCode: "eu-central-1",
		recommended: []string{"eu-central-1", "eu-west-2"}, continents: []string{"EU", "AF"}},
	{code: "apac", name: "Asia-Pacific", defaultCode: "ap-southeast-1",
		recommended: []string{"ap-southeast-1", "ap-northeast-1"}, continents: []string{"AS", "OC"}},
}

// continents are the values of the continent parameter.
var continents = []string{"NA", "SA", "EU", "AF", "AS", "OC", "AN"}

// instanceSizes are the values of desired_instance_size.
var instanceSizes = []string{
	"nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge",
	"12xlarge", "16xlarge", "24xlarge", "24xlarge_optimized_memory", "24xlarge_optimized_cpu",
	"24xlarge_high_memory", "48xlarge", "48xlarge_optimized_memory", "48xlarge_optimized_cpu",
	"48xlarge_high_memory",
}

// regionEntry is a smart group or a specific region in RegionsInfo.
// Provider and status are only sent for specific regions.
type regionEntry struct {
	Name     string `json:"name"`
	Code     string `json:"code"`
	Type     string `json:"type"`
	Provider string `json:"provider,omitempty"`
	Status   string `json:"status,omitempty"`
}

// regionsInfo is RegionsInfo.
type regionsInfo struct {
	Recommendations struct {
		SmartGroup regionEntry   `json:"smartGroup"`
		Specific   []regionEntry `json:"specific"`
	} `json:"recommendations"`
	All struct {
		SmartGroup []regionEntry `json:"smartGroup"`
		Specific   []regionEntry `json:"specific"`
	} `json:"all"`
}

// handleAvailableRegions serves GET /v1/projects/available-regions. The
// continent parameter picks the recommended group, the Americas by
// default; desired_instance_size is validated and otherwise ignored.
func (s *Server) handleAvailableRegions(w http.ResponseWriter, r *http.Request, sc scope) {
	query := r.URL.Query()
	slug := query.Get("organization_slug")
	if err := checkRegionsQuery(query); err != nil {
		s.log.Info("sandbox: invalid query", "path", r.URL.Path, "reason", err)
		writeMessage(w, http.StatusBadRequest, err.Error())
		return
	}
	if _, ok := s.data.findOrganization(sc, slug); !ok {
		s.log.Info("sandbox: organization not found", "organization", slug)
		writeMessage(w, http.StatusNotFound, "Organization not found")
		return
	}

	group := smartGroups[0]
	for _, g := range smartGroups {
		if slices.Contains(g.continents, query.Get("continent")) {
			group = g
		}
	}

	var info regionsInfo
	info.Recommendations.SmartGroup = group.entry()
	info.Recommendations.Specific = []regionEntry{}
	for _, code := range group.recommended {
		info.Recommendations.Specific = append(info.Recommendations.Specific, findRegion(code).entry())
	}
	for _, g := range smartGroups {
		info.All.SmartGroup = append(info.All.SmartGroup, g.entry())
	}
	for _, region := range awsRegions {
		info.All.Specific = append(info.All.Specific, region.entry())
	}
	writeJSON(w, http.StatusOK, info)
}

// checkRegionsQuery validates the parameters of
// GET /v1/projects/available-regions.
func checkRegionsQuery(query url.Values) error {
	slug := query.Get("organization_slug")
	continent := query.Get("continent")
	size := query.Get("desired_instance_size")
	switch {
	case slug == "":
		return fmt.Errorf("organization_slug is required")
	case !organizationSlugFormat.MatchString(slug):
		return fmt.Errorf("invalid organization_slug %q: use letters, digits, _ and -", slug)
	case query.Has("continent") && !slices.Contains(continents, continent):
		return fmt.Errorf("invalid continent %q: use one of %s", continent, strings.Join(continents, ", "))
	case query.Has("desired_instance_size") && !slices.Contains(instanceSizes, size):
		return fmt.Errorf("invalid desired_instance_size %q", size)
	}
	return nil
}

func (g smartGroup) entry() regionEntry {
	return regionEntry{Name: g.name, Code: g.code, Type: "smartGroup"}
}

func (a awsRegion) entry() regionEntry {
	e := regionEntry{Name: a.name, Code: a.code, Type: "specific", Provider: "AWS", Status: "other"}
	if a.capacity {
		e.Status = "capacity"
	}
	return e
}

// findRegion returns the region with code. Every code it is called with
// comes from the tables above.
func findRegion(code string) awsRegion {
	for _, region := range awsRegions {
		if region.code == code {
			return region
		}
	}
	panic("sandbox: unknown region " + code)
}

// findSmartGroup returns the smart group with code.
func findSmartGroup(code string) (smartGroup, bool) {
	for _, g := range smartGroups {
		if g.code == code {
			return g, true
		}
	}
	return smartGroup{}, false
}
