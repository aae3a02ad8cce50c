"""The toolkit's methods as first published, in Bulgarian, one module per method: what
``load_methods`` puts in an empty portal. Staff edit them in the portal afterwards; this is not
read again once a method exists.

They are written for Ivanovo municipality's 13 small settlements, its mayoralties, community
centres, council and registry. Legal references were checked against the laws' published texts
where the library held them (ЗНА, ЗПУГДВМС, АПК, ЗПФ, ЗМСМА, ЗДОИ, ЗНЧ); where an article number
could not be checked, only the law and its subject are named. The order below is the toolkit's:
the consultations, meetings and direct democracy that Bulgarian law names; then small-group,
deliberative, partnership and large-event methods; then information, monitoring, working
together and learning afterwards."""

from . import (
    access_to_information,
    citizens_initiative,
    citizens_panel,
    civic_monitoring,
    community_scorecard,
    community_walk,
    conference,
    door_to_door,
    evaluation_workshop,
    feedback_box,
    focus_group,
    general_assembly,
    info_board,
    local_media,
    local_referendum,
    online_consultation,
    open_council_session,
    open_day,
    open_space,
    participatory_budgeting,
    partnership_agreement,
    petition,
    public_council,
    public_discussion,
    public_hearing,
    round_table,
    survey,
    village_meeting,
    volunteer_action,
    working_group,
    world_cafe,
    written_consultation,
)

METHODS = [
    public_discussion.METHOD,
    public_hearing.METHOD,
    online_consultation.METHOD,
    written_consultation.METHOD,
    survey.METHOD,
    village_meeting.METHOD,
    general_assembly.METHOD,
    local_referendum.METHOD,
    citizens_initiative.METHOD,
    petition.METHOD,
    feedback_box.METHOD,
    focus_group.METHOD,
    round_table.METHOD,
    working_group.METHOD,
    public_council.METHOD,
    citizens_panel.METHOD,
    world_cafe.METHOD,
    participatory_budgeting.METHOD,
    conference.METHOD,
    open_council_session.METHOD,
    open_space.METHOD,
    civic_monitoring.METHOD,
    community_scorecard.METHOD,
    access_to_information.METHOD,
    door_to_door.METHOD,
    info_board.METHOD,
    local_media.METHOD,
    open_day.METHOD,
    community_walk.METHOD,
    partnership_agreement.METHOD,
    volunteer_action.METHOD,
    evaluation_workshop.METHOD,
]
