from .pages import PolicyAreaPage, RegionIndexPage, RegionProfilePage
from .region import Region, RegionLevel

__all__ = ["PolicyAreaPage", "Region", "RegionIndexPage", "RegionLevel", "RegionProfilePage"]
