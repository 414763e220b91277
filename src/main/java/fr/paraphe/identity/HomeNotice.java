package fr.paraphe.identity;

import java.util.Map;

/**
 * Something another module tells a logged-in user on the home page (e.g. registration: "to sign, register"): each
 * bean of this type adds its model attributes to the home page, so that identity depends on no module that speaks
 * there.
 */
public interface HomeNotice {

	/** The home page's model attributes for {@code user}; empty for nothing to say. Never null. */
	Map<String, Object> attributesFor(ParapheUser user);

}
