"""The Decree 30/2020/NĐ-CP rules (documents.nd30) for the HTML decision pages, so the page
and the PDF print the same letterhead and place-date line.

    {% load nd30 %}{{ decision.issuer.name|issuing_body|upper }}
    {{ decision.issuer.name|place_date:decision.issued_on }}"""

from django import template

from documents import nd30

register = template.Library()


@register.filter
def issuing_body(area_name: str) -> str:
    return nd30.issuing_body(area_name)


@register.filter
def place_date(area_name: str, day) -> str:
    return nd30.place_date_line(area_name, day)


@register.simple_tag
def proposal(decision) -> str:
    """ "Theo đề nghị của … tại Tờ trình số … ngày …." or "" when none was recorded."""
    if not decision.proposal_office:
        return ""
    return nd30.proposal_line(
        decision.proposal_office, decision.proposal_number, decision.proposal_date
    )


@register.simple_tag
def legal_bases(decision, kind: str, police: bool = False) -> list[str]:
    """The "Căn cứ …;" lines in force on the decision's date (documents.legal_bases)."""
    from documents.legal_bases import bases_for

    return [basis.citation() for basis in bases_for(kind, decision.issued_on, police=police)]
