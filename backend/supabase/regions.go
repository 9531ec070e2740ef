package supabase

import (
	"context"
	"net/url"
)

// Region selection types of POST /v1/projects and of
// GET /v1/projects/available-regions.
const (
	// RegionSpecific selects one AWS region by its code, such as
	// eu-central-1.
	RegionSpecific = "specific"

	// RegionSmartGroup lets Supabase pick a region within a group:
	// americas, emea or apac.
	RegionSmartGroup = "smartGroup"
)

// Region is a region, or a smart group of regions, in which a project can
// be created.
type Region struct {
	// Code is an AWS region code, such as us-east-1, when Type is
	// RegionSpecific, and americas, emea or apac when Type is
	// RegionSmartGroup. The OpenAPI description calls the codes not a
	// stable API, so they are read from AvailableRegions rather than
	// hard-coded.
	Code string `json:"code"`

	// Name is the human-readable name, such as "East US (North Virginia)".
	Name string `json:"name"`

	// Type is RegionSpecific or RegionSmartGroup.
	Type string `json:"type"`

	// Provider is the cloud provider of a specific region, such as AWS,
	// and empty for a smart group.
	Provider string `json:"provider,omitempty"`

	// Status is "capacity" when a specific region is short of capacity,
	// "other" or empty otherwise.
	Status string `json:"status,omitempty"`
}

// AvailableRegions lists where an organization can create projects.
type AvailableRegions struct {
	// RecommendedSmartGroup is the smart group that Supabase recommends.
	RecommendedSmartGroup Region `json:"recommendedSmartGroup"`

	// Recommended are the specific regions that Supabase recommends.
	Recommended []Region `json:"recommended"`

	// SmartGroups are all smart groups.
	SmartGroups []Region `json:"smartGroups"`

	// Specific are all specific regions.
	Specific []Region `json:"specific"`
}

// regionsWire is the body of RegionsInfo.
type regionsWire struct {
	Recommendations struct {
		SmartGroup Region   `json:"smartGroup"`
		Specific   []Region `json:"specific"`
	} `json:"recommendations"`
	All struct {
		SmartGroup []Region `json:"smartGroup"`
		Specific   []Region `json:"specific"`
	} `json:"all"`
}

// AvailableRegions returns the regions in which the organization can
// create a project (GET /v1/projects/available-regions).
func (c *Client) AvailableRegions(ctx context.Context, organizationSlug string) (AvailableRegions, error) {
	if err := checkSlug(organizationSlug); err != nil {
		return AvailableRegions{}, err
	}

	var wire regionsWire
	query := url.Values{"organization_slug": {organizationSlug}}
	if err := c.get(ctx, "/v1/projects/available-regions", query, &wire); err != nil {
		return AvailableRegions{}, err
	}
	return AvailableRegions{
		RecommendedSmartGroup: wire.Recommendations.SmartGroup,
		Recommended:           nonNilRegions(wire.Recommendations.Specific),
		SmartGroups:           nonNilRegions(wire.All.SmartGroup),
		Specific:              nonNilRegions(wire.All.Specific),
	}, nil
}

// nonNilRegions returns regions, or an empty slice when it is nil, so the
// window receives an array rather than null.
func nonNilRegions(regions []Region) []Region {
	if regions == nil {
		return []Region{}
	}
	return regions
}
